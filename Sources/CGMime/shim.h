#include <gmime/gmime.h>

/* GObject's type checks and casts are macros, which Swift cannot call: each wrapper made by
 * RECLAM_GMIME_CAST returns the object as the requested type, or NULL when it is NULL or of
 * another type. */
#define RECLAM_GMIME_CAST(function, Type, From, IS_TYPE) \
    static inline Type *function(From *object) { \
        return (object != NULL && IS_TYPE(object)) ? (Type *)object : NULL; \
    }

RECLAM_GMIME_CAST(reclam_gmime_as_multipart, GMimeMultipart, GMimeObject, GMIME_IS_MULTIPART)
RECLAM_GMIME_CAST(reclam_gmime_as_message_part, GMimeMessagePart, GMimeObject, GMIME_IS_MESSAGE_PART)
RECLAM_GMIME_CAST(reclam_gmime_as_part, GMimePart, GMimeObject, GMIME_IS_PART)
RECLAM_GMIME_CAST(reclam_gmime_as_mailbox, InternetAddressMailbox, InternetAddress, INTERNET_ADDRESS_IS_MAILBOX)
RECLAM_GMIME_CAST(reclam_gmime_as_group, InternetAddressGroup, InternetAddress, INTERNET_ADDRESS_IS_GROUP)
RECLAM_GMIME_CAST(reclam_gmime_as_stream_mem, GMimeStreamMem, GMimeStream, GMIME_IS_STREAM_MEM)

static inline int reclam_gmime_is_message_partial(GMimeObject *object) {
    return object != NULL && GMIME_IS_MESSAGE_PARTIAL(object);
}

static inline GMimeObject *reclam_gmime_message_object(GMimeMessage *message) {
    return (GMimeObject *)message;
}

/* iconv_t is (void *) on glibc, and a failed open returns (iconv_t) -1, which Swift cannot
 * compare against directly. */
static inline int reclam_gmime_iconv_is_valid(iconv_t cd) {
    return cd != (iconv_t)-1;
}

/* The charsets tried, in order, for undeclared 8-bit text in headers. GMime copies the list. */
static inline void reclam_gmime_set_fallback_charsets(GMimeParserOptions *options) {
    const char *charsets[] = { "UTF-8", "windows-1252", "iso-8859-1", NULL };
    g_mime_parser_options_set_fallback_charsets(options, charsets);
}
