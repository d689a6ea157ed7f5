// idiomorph ships no type definitions; this is the part of its API Inkstone uses.
declare module "idiomorph" {
  export interface MorphOptions {
    morphStyle?: "outerHTML" | "innerHTML";
    ignoreActive?: boolean;
    ignoreActiveValue?: boolean;
  }
  export const Idiomorph: {
    morph(oldNode: Element, newContent: string | Node | null, options?: MorphOptions): Node[] | undefined;
  };
}
