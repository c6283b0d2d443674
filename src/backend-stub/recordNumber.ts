/** 医保 offices date records in Beijing time, whatever the server's time zone. */
const chinaOffsetMs = 8 * 60 * 60 * 1000;

/** yyyymmdd of the instant in China Standard Time. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + chinaOffsetMs).toISOString().slice(0, 10).replaceAll('-', '');
}

/** Authorization record number: GJ + region code + yyyymmdd + 5-digit sequence of that region and day. */
export function formatRecordNumber(region: string, day: string, sequence: number): string {
  return `GJ${region}${day}${String(sequence).padStart(5, '0')}`;
}
