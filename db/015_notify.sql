-- crmdesk schema, version 15: nothing changes in a client file. On a server,
-- db/postgresql/015_notify.sql makes every change to contacts, orders, tasks
-- and complaints notify the other PCs (LISTEN/NOTIFY); a file has one PC.
-- The version moves so that both kinds keep the same numbers
-- (db/postgresql/README.md).
SELECT 1;
