#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xmlwriter.h>

/* xmlFree is a global function pointer, which Swift 6 counts as shared mutable state; the
   archive never replaces libxml2's allocator, so a call through this function is safe. */
static inline void archive_xml_free(void *pointer) { xmlFree(pointer); }
