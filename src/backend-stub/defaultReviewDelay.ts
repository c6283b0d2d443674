/** Two minutes from submission to decision: long enough to show 审核中 in a demo, short enough to wait out. */
export const defaultReviewDelayMs = 120_000;
