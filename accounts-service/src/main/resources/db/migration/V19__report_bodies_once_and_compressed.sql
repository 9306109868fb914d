-- A report's figures are stored once per copy and compressed (issue 22, docs/benchmarks.md "Bytes").
--
-- The working copy kept the body as sent and, beside it, the same body completed with its derived subtotals (the
-- kept audit's audited_body): two copies of the figures, about 25 KB of JSON per save. The completed body is now
-- derived from the sent one when it is needed (a tenth of a millisecond); the kept audit is its basis and findings.
-- The bodies of the working copy and of every version are stored compressed in MySQL's COMPRESS() format (the
-- length as four bytes, low byte first, then a zlib stream; an empty string stays empty), which the service writes
-- and reads itself (CompressedText) and which UNCOMPRESS(body) shows in SQL on MariaDB and MySQL alike. JSON of this
-- shape compresses about five to one. Portable SQL: MariaDB 10.6+, MySQL 8.
ALTER TABLE unit_report ADD COLUMN body_compressed MEDIUMBLOB NULL;
UPDATE unit_report SET body_compressed = COMPRESS(body);
ALTER TABLE unit_report DROP COLUMN body;
ALTER TABLE unit_report DROP COLUMN audited_body;
ALTER TABLE unit_report CHANGE COLUMN body_compressed body MEDIUMBLOB NOT NULL;

ALTER TABLE report_version ADD COLUMN body_compressed MEDIUMBLOB NULL;
UPDATE report_version SET body_compressed = COMPRESS(body);
ALTER TABLE report_version DROP COLUMN body;
ALTER TABLE report_version CHANGE COLUMN body_compressed body MEDIUMBLOB NOT NULL;
