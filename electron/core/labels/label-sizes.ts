/** The two label stocks thermal printers in stores take: a shipping label and a small bag tag. */
export const LABEL_SIZES = {
  '4x6': { widthIn: 4, heightIn: 6 },
  '2x1': { widthIn: 2, heightIn: 1 },
} as const;

export type LabelSize = keyof typeof LABEL_SIZES;
