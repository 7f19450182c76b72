// Types for the snowball-stemmers package, which ships plain JavaScript without declarations.
declare module 'snowball-stemmers' {
  export interface Stemmer {
    stem(word: string): string;
  }
  export function newStemmer(language: string): Stemmer;
  export function algorithms(): string[];
}

// Vite's `?raw` suffix: lets tests in shared/ read the data set without node:fs.
declare module '*.jsonl?raw' {
  const text: string;
  export default text;
}
