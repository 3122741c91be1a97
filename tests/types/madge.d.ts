// The part of madge's API the dependency-graph test uses (madge ships no types).
declare module 'madge' {
  interface MadgeResult {
    obj(): Record<string, string[]>;
    circular(): string[][];
  }
  export default function madge(
    path: string,
    config: { fileExtensions: string[]; tsConfig: string },
  ): Promise<MadgeResult>;
}
