// What must never reach a terminal or CI log from the scanned tree (issue 16 case 2).

/** Any control character a terminal or log would act on (line feeds are checked by line instead). */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A line that GitHub Actions would read as a workflow command (the runner trims leading spaces). */
export const WORKFLOW_COMMAND = /^\s*::/m;

/** Our own colour codes (SGR), which are allowed. */
export function withoutColour(text: string): string {
  return text.replace(/\u001b\[[0-9;]*m/g, '');
}
