-- uplink_keys.key_hash as uuid rather than bytea: the same 16 bytes of the dedup key's SHA-256,
-- in a fixed-size type whose B-tree comparison is a plain 16-byte compare (bytea goes through the
-- variable-length path for every comparison). The writer claims one key per uplink inside every
-- batch, on an index as large as the number of distinct uplinks kept, so this is on the ingest
-- path of every uplink. The value is not a UUID in the RFC 9562 sense; the type is only its
-- container.
ALTER TABLE uplink_keys DROP CONSTRAINT IF EXISTS uplink_keys_key_hash_check;
ALTER TABLE uplink_keys ALTER COLUMN key_hash TYPE uuid USING encode(key_hash, 'hex')::uuid;
