// Only the link flags of ICU (pkg-config icu-i18n) are exported: its headers define the same C
// types as the copy of ICU inside Foundation (_FoundationICU), and Swift refuses both in one
// module graph. ConfusableSkeleton includes them from C instead.
