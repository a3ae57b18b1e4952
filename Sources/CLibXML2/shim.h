/* Debian's libxml2 is built with ICU, and encoding.h then includes the system's ICU headers, whose
   UErrorCode clashes with the copy inside Foundation (_FoundationICU) in any module that sees both.
   The archive never touches the ICU members of xmlCharEncodingHandler, so they are left out. */
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>

/* xmlFree is a global function pointer, which Swift 6 counts as shared mutable state; the
   archive never replaces libxml2's allocator, so a call through this function is safe. */
static inline void archive_xml_free(void *pointer) { xmlFree(pointer); }
