-- A new newsroom starts with a few sections so the first story has somewhere to go.
INSERT INTO "sections" ("slug", "name", "description", "position") VALUES
  ('world', 'World', 'News from around the world.', 1),
  ('politics', 'Politics', 'Government, elections and policy.', 2),
  ('business', 'Business', 'Companies, markets and the economy.', 3),
  ('culture', 'Culture', 'Arts, books, film and music.', 4)
ON CONFLICT DO NOTHING;
