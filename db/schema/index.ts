export * from "./articles";
export * from "./audit";
export * from "./published";
export * from "./sections";
export * from "./users";
