/**
 * A duration for people: "45 s", "3 min 20 s", "2 h 05 min".
 *
 * @param ms - milliseconds (negative counts as 0)
 * @returns the duration rounded to the second
 *
 * @example formatDuration(200_000) // returns "3 min 20 s"
 */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, "0")} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}
