-- A record's subject headings (6XX), one per line, kept beside it: a cluster's search row includes the subjects of its
-- display record, and reading them from the stored MARC meant inflating and parsing the record for every cluster a
-- batch touched. Null for records stored before: theirs are still read from the MARC when needed.
alter table catalog_record add column subjects text;
