-- MigrationTurnTest's one migration: proof that it ran, and when.
CREATE TABLE turn_proof (id INT NOT NULL PRIMARY KEY);
