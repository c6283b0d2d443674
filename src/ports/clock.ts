/** Time, injected so that tests and the back-end stub's review delay run on a fake clock. */
export interface Clock {
  now(): Date;
}
