-- hreflang alternates when only one side declares the translation: the
-- article page looks for an article whose translation_slug names it.
-- Only translated articles are in the index.
CREATE INDEX articles_by_translation_slug ON articles (translation_slug) WHERE translation_slug IS NOT NULL;
