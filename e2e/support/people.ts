/** The newsroom staff the stories are acted out by. Each run starts on a fresh database. */
export type Person = { name: string; email: string; password: string };
export type Role = "reporter" | "editor" | "admin";

export const admin: Person = {
  name: "Ada Admin",
  email: "ada.admin@ledger.example",
  password: "admin-Correct-Horse-42!",
};

export const reporter: Person = {
  name: "Rita Reporter",
  email: "rita.reporter@ledger.example",
  password: "reporter-Battery-Staple-7!",
};

export const editor: Person = {
  name: "Eddie Editor",
  email: "eddie.editor@ledger.example",
  password: "editor-Purple-Monkey-Dish-9!",
};
