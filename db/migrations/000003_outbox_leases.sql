-- Which instance holds an outbox entry's lease: the one that confirmed it files it at once; the others leave it
-- alone until the lease ends (that instance may have died) and then take it over.
ALTER TABLE outbox ADD COLUMN leased_by text;
