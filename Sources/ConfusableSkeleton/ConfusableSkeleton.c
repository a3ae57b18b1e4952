#include "ConfusableSkeleton.h"
#include <unicode/uspoof.h>

int archive_confusable_skeleton(const char *text, char *skeleton, int capacity) {
    UErrorCode status = U_ZERO_ERROR;
    USpoofChecker *checker = uspoof_open(&status);
    if (U_FAILURE(status)) return -1;
    int32_t length = uspoof_getSkeletonUTF8(checker, 0, text, -1, skeleton, capacity, &status);
    uspoof_close(checker);
    return U_FAILURE(status) ? -1 : length;
}
