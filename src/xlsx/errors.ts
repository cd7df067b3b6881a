// The one error `kpa` turns into a plain sentence and exit code 2: the input or the output is not usable as it is.
export class UnusableInputError extends Error {}
