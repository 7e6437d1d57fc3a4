#include <gmime/gmime.h>

/* GObject's type checks and casts are macros, which Swift cannot call: these wrappers return
 * the object as the requested type, or NULL when it is of another type. */

static inline GMimeMultipart *reclam_gmime_as_multipart(GMimeObject *object) {
    return (object != NULL && GMIME_IS_MULTIPART(object)) ? (GMimeMultipart *)object : NULL;
}

static inline GMimeMessagePart *reclam_gmime_as_message_part(GMimeObject *object) {
    return (object != NULL && GMIME_IS_MESSAGE_PART(object)) ? (GMimeMessagePart *)object : NULL;
}

static inline GMimePart *reclam_gmime_as_part(GMimeObject *object) {
    return (object != NULL && GMIME_IS_PART(object)) ? (GMimePart *)object : NULL;
}

static inline int reclam_gmime_is_message_partial(GMimeObject *object) {
    return object != NULL && GMIME_IS_MESSAGE_PARTIAL(object);
}

static inline GMimeObject *reclam_gmime_message_object(GMimeMessage *message) {
    return (GMimeObject *)message;
}

static inline InternetAddressMailbox *reclam_gmime_as_mailbox(InternetAddress *address) {
    return (address != NULL && INTERNET_ADDRESS_IS_MAILBOX(address)) ? (InternetAddressMailbox *)address : NULL;
}

static inline InternetAddressGroup *reclam_gmime_as_group(InternetAddress *address) {
    return (address != NULL && INTERNET_ADDRESS_IS_GROUP(address)) ? (InternetAddressGroup *)address : NULL;
}

static inline GMimeStreamMem *reclam_gmime_as_stream_mem(GMimeStream *stream) {
    return (stream != NULL && GMIME_IS_STREAM_MEM(stream)) ? (GMimeStreamMem *)stream : NULL;
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
