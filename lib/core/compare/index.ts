export * from "./align";
export * from "./agreement";
export * from "./csv";
export * from "./flips";
export * from "./histogram";
export * from "./normalize";
export * from "./same-mistake";
export * from "./pass-at-k-groups";
