-- Uploaded images (issue 14). Only re-encoded copies are kept, never the uploaded bytes:
-- re-encoding drops every metadata block (EXIF GPS, XMP, comments), so nothing a camera
-- wrote can leak through the site. Everything sits in the database, so a backup stays one
-- file.
CREATE TABLE images (
    id          INTEGER PRIMARY KEY,
    -- Required: an image without a description is one a screen-reader user cannot read.
    alt         TEXT NOT NULL CHECK (length(alt) BETWEEN 1 AND 300),
    caption     TEXT NOT NULL DEFAULT '' CHECK (length(caption) <= 500),
    credit      TEXT NOT NULL DEFAULT '' CHECK (length(credit) <= 200),
    -- After the EXIF orientation was applied: the size a reader sees.
    width       INTEGER NOT NULL CHECK (width > 0),
    height      INTEGER NOT NULL CHECK (height > 0),
    uploaded_by INTEGER NOT NULL REFERENCES users (id),
    created_at  TEXT NOT NULL
);
-- Each image at each responsive width, once as WebP and once as a fallback (JPEG, or PNG
-- when it has transparency). Served at /media/{hash}.{ext}: the hash names the bytes, so
-- an address never changes meaning and may be cached for good.
CREATE TABLE image_variants (
    id        INTEGER PRIMARY KEY,
    image_id  INTEGER NOT NULL REFERENCES images (id) ON DELETE CASCADE,
    width     INTEGER NOT NULL CHECK (width > 0),
    height    INTEGER NOT NULL CHECK (height > 0),
    format    TEXT NOT NULL CHECK (format IN ('webp', 'jpeg', 'png')),
    -- SHA-256 of `bytes`, hex; also the address. The same file uploaded twice (with other
    -- words, say) gives the same bytes: each upload keeps its own rows, and the address
    -- serves either, as they are the same bytes.
    hash      TEXT NOT NULL,
    bytes     BLOB NOT NULL,
    UNIQUE (image_id, format, width)
);
CREATE INDEX image_variants_by_hash ON image_variants (hash);

-- The featured image of a fact-check. RESTRICT: an image in use is never removed under a
-- page that shows it (the library refuses first, saying where it is used).
ALTER TABLE fact_checks ADD COLUMN featured_image_id INTEGER REFERENCES images (id) ON DELETE RESTRICT;

-- The images an explanation shows (`![alt](media:ID)`), written in the same transaction
-- as the text, so "where is this image used" is one indexed look-up, not a scan of every
-- body.
CREATE TABLE fact_check_body_images (
    fact_check_id INTEGER NOT NULL REFERENCES fact_checks (id) ON DELETE CASCADE,
    image_id      INTEGER NOT NULL REFERENCES images (id) ON DELETE RESTRICT,
    PRIMARY KEY (fact_check_id, image_id)
) WITHOUT ROWID;
CREATE INDEX fact_check_body_images_by_image ON fact_check_body_images (image_id);

-- A screenshot of the claim as it appeared, and whether it is shown only on request
-- (violence, hate, a private person's face).
ALTER TABLE appearances ADD COLUMN image_id INTEGER REFERENCES images (id) ON DELETE RESTRICT;
ALTER TABLE appearances ADD COLUMN sensitive INTEGER NOT NULL DEFAULT 0 CHECK (sensitive IN (0, 1));
CREATE INDEX appearances_by_image ON appearances (image_id) WHERE image_id IS NOT NULL;

-- An author's photo, for their author page.
ALTER TABLE users ADD COLUMN photo_media_id INTEGER REFERENCES images (id) ON DELETE RESTRICT;
CREATE INDEX fact_checks_by_featured_image ON fact_checks (featured_image_id)
    WHERE featured_image_id IS NOT NULL;
