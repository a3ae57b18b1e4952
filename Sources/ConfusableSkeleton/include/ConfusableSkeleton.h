#ifndef CONFUSABLE_SKELETON_H
#define CONFUSABLE_SKELETON_H

// The Unicode TR 39 confusable skeleton of `text` (UTF-8, NUL-terminated) written to `skeleton`;
// returns its length in bytes, or -1 when ICU fails (including a buffer that is too small).
int archive_confusable_skeleton(const char *text, char *skeleton, int capacity);

#endif
