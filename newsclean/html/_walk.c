/* The block walk of newsclean.html.blocks.page_blocks, over libxml2's tree in C.
 *
 * Optional: built against lxml's shipped headers (lxml.get_include()), it reads the xmlNode fields
 * directly (no link to libxml2) and uses lxml's C API only to turn nodes back into element proxies (the
 * owners of blocks, and the <script>/<head> elements handed to jsonld_body.collect). blocks.py uses it
 * only when the running lxml is the one it was built against; everything it cannot reproduce exactly
 * (an attribute made of several nodes, a depth beyond int16, text that is not UTF-8, ...) makes walk()
 * return None, and blocks.py walks the page in Python instead. The vocabularies stay in Python (vocab.py):
 * configure() receives the tag table and blocks' class word and stem tables, from which class_bits computes
 * what blocks.class_mask does (a test compares the two).
 *
 * The traversal follows parent/next pointers: no recursion, no limit on depth. What it produces is
 * exactly what the Python walk produces (tests/html/test_walk.py compares the two).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "libxml/tree.h"
#include "lxml-version.h"
#include "lxml.etree_api.h"

/* ---- configuration (configure()) ---------------------------------------------------------------- */

enum {
    T_SKIP = 1,     /* SKIPPED_TAGS */
    T_COLLECT = 2,  /* script or head: JSON-LD is looked for when skipped */
    T_HEAD = 4,     /* head: collect() looks at every script under it */
    T_CELL = 8,     /* td, th */
    T_BR = 16,
    T_A = 32,
};

typedef struct {
    char *name;
    size_t len;
    int flags;
    int kind;         /* BLOCK_KINDS index when a block tag, else -1 */
    int64_t tag_bit;  /* CONTEXT_TAGS bit */
} TagInfo;

#define TAG_SLOTS 512
static TagInfo tag_table[TAG_SLOTS];
static const TagInfo unknown_tag = {NULL, 0, 0, -1, 0};
static int div_kind = 0;
static Py_ssize_t prose_min_chars = 25;
static Py_ssize_t check_every = 4096;
static PyObject *collect_fn = NULL;       /* jsonld_body.collect */
static PyObject *budget_exceeded = NULL;  /* blocks.BudgetExceeded */
static PyObject *monotonic_fn = NULL;     /* time.monotonic */
static int configured = 0;
static int lxml_imported = 0;

static uint32_t hash_bytes(const unsigned char *s, size_t n) {
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ s[i]) * 16777619u;
    return h;
}

static const TagInfo *find_tag(const unsigned char *name) {
    size_t n = strlen((const char *)name);
    uint32_t slot = hash_bytes(name, n) & (TAG_SLOTS - 1);
    for (;;) {
        const TagInfo *info = &tag_table[slot];
        if (info->name == NULL)
            return &unknown_tag;
        if (info->len == n && memcmp(info->name, name, n) == 0)
            return info;
        slot = (slot + 1) & (TAG_SLOTS - 1);
    }
}

/* A NUL-terminated copy of name[0:n] for the tag and word tables (freed when configure resets them), or NULL with
   MemoryError set. */
static char *copy_name(const char *name, Py_ssize_t n) {
    char *copy = PyMem_Malloc((size_t)n + 1);
    if (copy == NULL) {
        PyErr_NoMemory();
        return NULL;
    }
    memcpy(copy, name, (size_t)n);
    copy[n] = 0;
    return copy;
}

static int add_tag(const char *name, Py_ssize_t n, int flags, int kind, int64_t tag_bit) {
    uint32_t slot = hash_bytes((const unsigned char *)name, (size_t)n) & (TAG_SLOTS - 1);
    int probes = 0;
    while (tag_table[slot].name != NULL) {
        if (++probes >= TAG_SLOTS / 2) {
            PyErr_SetString(PyExc_ValueError, "configure: too many tags");
            return -1;
        }
        slot = (slot + 1) & (TAG_SLOTS - 1);
    }
    char *copy = copy_name(name, n);
    if (copy == NULL)
        return -1;
    tag_table[slot] = (TagInfo){copy, (size_t)n, flags, kind, tag_bit};
    return 0;
}

/* The class and id words of blocks.class_mask: whole words (blocks._WORD_BITS) and stems (blocks._STEMS). */
typedef struct {
    char *text;
    size_t len;
    int64_t bits;
} Word;

#define WORD_SLOTS 2048
static Word word_table[WORD_SLOTS];
static Word *stems = NULL;
static Py_ssize_t n_stems = 0;

static int add_word(const char *text, Py_ssize_t n, int64_t bits) {
    uint32_t slot = hash_bytes((const unsigned char *)text, (size_t)n) & (WORD_SLOTS - 1);
    int probes = 0;
    while (word_table[slot].text != NULL) {
        if (++probes >= WORD_SLOTS / 2) {
            PyErr_SetString(PyExc_ValueError, "configure: too many class words");
            return -1;
        }
        slot = (slot + 1) & (WORD_SLOTS - 1);
    }
    char *copy = copy_name(text, n);
    if (copy == NULL)
        return -1;
    word_table[slot] = (Word){copy, (size_t)n, bits};
    return 0;
}

static const char *find_bytes(const char *s, size_t n, const char *needle, size_t m);

/* Words looked for stems before, with their bits (as blocks._WORD_MASKS): slots index an arena of their text;
 * all are dropped when half the slots are taken. */
#define CACHE_SLOTS (1 << 15)
#define CACHE_MAX_WORD 64
typedef struct {
    uint32_t hash, len; /* len 0: empty slot */
    size_t at;          /* where the word starts in cache_text */
    int64_t bits;
} CachedWord;
static CachedWord *word_cache = NULL;
static char *cache_text = NULL;
static size_t cache_text_len = 0, cache_count = 0;

static void cache_clear(void) {
    if (word_cache != NULL)
        memset(word_cache, 0, CACHE_SLOTS * sizeof(CachedWord));
    cache_text_len = 0;
    cache_count = 0;
}

/* blocks._word_mask: the bits of a whole word, else of the stems inside a word longer than four letters. */
static int64_t word_mask(const char *word, size_t n) {
    uint32_t hash = hash_bytes((const unsigned char *)word, n);
    uint32_t slot = hash & (WORD_SLOTS - 1);
    for (;;) {
        const Word *entry = &word_table[slot];
        if (entry->text == NULL)
            break;
        if (entry->len == n && memcmp(entry->text, word, n) == 0)
            return entry->bits;
        slot = (slot + 1) & (WORD_SLOTS - 1);
    }
    if (n <= 4)
        return 0;
    int cacheable = n <= CACHE_MAX_WORD && word_cache != NULL;
    if (cacheable) {
        slot = hash & (CACHE_SLOTS - 1);
        for (;;) {
            const CachedWord *entry = &word_cache[slot];
            if (entry->len == 0)
                break;
            if (entry->hash == hash && entry->len == n && memcmp(cache_text + entry->at, word, n) == 0)
                return entry->bits;
            slot = (slot + 1) & (CACHE_SLOTS - 1);
        }
    }
    int64_t bits = 0;
    for (Py_ssize_t i = 0; i < n_stems; i++)
        if (find_bytes(word, n, stems[i].text, stems[i].len) != NULL)
            bits |= stems[i].bits;
    if (cacheable) {
        if (cache_count >= CACHE_SLOTS / 2) {
            cache_clear();
            slot = hash & (CACHE_SLOTS - 1);
        }
        memcpy(cache_text + cache_text_len, word, n);
        word_cache[slot] = (CachedWord){hash, (uint32_t)n, cache_text_len, bits};
        cache_text_len += n;
        cache_count++;
    }
    return bits;
}

static uint32_t next_char(const unsigned char *s, size_t n, size_t *w);

/* blocks.class_mask(words): the words are the runs of a-z in words.lower(). Only A-Z, U+0130 ('i' and a
 * combining dot) and U+212A (Kelvin sign, 'k') lower-case to ASCII letters; every other character splits. */
static int64_t class_bits(const char *text, size_t n) {
    const unsigned char *s = (const unsigned char *)text;
    char small[64];
    char *word = small;
    size_t cap = sizeof(small), len = 0, i = 0;
    int64_t mask = 0;
    while (i <= n) {
        uint32_t c = 0; /* 0 ends the last word */
        size_t w = 1;
        if (i < n)
            c = s[i] < 0x80 ? s[i] : next_char(s + i, n - i, &w);
        int split = 0;
        if (c >= 'a' && c <= 'z') {
        } else if (c >= 'A' && c <= 'Z') {
            c += 32;
        } else if (c == 0x212A) {
            c = 'k';
        } else if (c == 0x130) {
            c = 'i';
            split = 1; /* the combining dot after the i */
        } else {
            c = 0;
        }
        if (c) {
            if (len == cap) {
                char *bigger = word == small ? PyMem_Malloc(cap * 2) : PyMem_Realloc(word, cap * 2);
                if (bigger == NULL) { /* no memory: the mask of the words so far */
                    break;
                }
                if (word == small)
                    memcpy(bigger, small, len);
                word = bigger;
                cap *= 2;
            }
            word[len++] = (char)c;
        }
        if ((!c || split) && len) {
            mask |= word_mask(word, len);
            len = 0;
        }
        i += w;
    }
    if (word != small)
        PyMem_Free(word);
    return mask;
}

/* class_mask(str) -> int: the compiled blocks.class_mask (tests compare the two). */
static PyObject *py_class_mask(PyObject *self, PyObject *arg) {
    Py_ssize_t n;
    const char *text = PyUnicode_AsUTF8AndSize(arg, &n);
    if (text == NULL)
        return NULL;
    return PyLong_FromLongLong((long long)class_bits(text, (size_t)n));
}

/* configure(tags, div_kind, word_bits, stems, collect, budget_exceeded, monotonic, prose_min_chars, check_every):
 * tags maps a tag name to (flags, kind or -1, context tag bit), word_bits a class word to its category bits,
 * stems is a list of (stem, bit). */
static PyObject *configure(PyObject *self, PyObject *args) {
    PyObject *tags, *words, *stem_list, *coll, *budget, *mono;
    int dkind;
    Py_ssize_t prose_min, every;
    if (!PyArg_ParseTuple(args, "O!iO!O!OOOnn", &PyDict_Type, &tags, &dkind, &PyDict_Type, &words, &PyList_Type,
                          &stem_list, &coll, &budget, &mono, &prose_min, &every))
        return NULL;
    if (every <= 0) {
        PyErr_SetString(PyExc_ValueError, "configure: check_every must be positive");
        return NULL;
    }
    if (!lxml_imported) {
        if (import_lxml__etree() < 0)
            return NULL;
        lxml_imported = 1;
    }
    for (int i = 0; i < TAG_SLOTS; i++) {
        PyMem_Free(tag_table[i].name);
        tag_table[i] = (TagInfo){NULL, 0, 0, -1, 0};
    }
    configured = 0;
    PyObject *key, *value;
    Py_ssize_t pos = 0;
    while (PyDict_Next(tags, &pos, &key, &value)) {
        int flags, kind;
        long long bit;
        Py_ssize_t n;
        const char *name = PyUnicode_AsUTF8AndSize(key, &n);
        if (name == NULL || !PyArg_ParseTuple(value, "iiL", &flags, &kind, &bit))
            return NULL;
        if (add_tag(name, n, flags, kind, (int64_t)bit) < 0)
            return NULL;
    }
    for (int i = 0; i < WORD_SLOTS; i++) {
        PyMem_Free(word_table[i].text);
        word_table[i] = (Word){NULL, 0, 0};
    }
    pos = 0;
    while (PyDict_Next(words, &pos, &key, &value)) {
        Py_ssize_t n;
        const char *text = PyUnicode_AsUTF8AndSize(key, &n);
        long long bits = PyLong_AsLongLong(value);
        if (text == NULL || (bits == -1 && PyErr_Occurred()) || add_word(text, n, (int64_t)bits) < 0)
            return NULL;
    }
    for (Py_ssize_t i = 0; i < n_stems; i++)
        PyMem_Free(stems[i].text);
    PyMem_Free(stems);
    n_stems = 0;
    stems = PyMem_Calloc((size_t)PyList_GET_SIZE(stem_list) + 1, sizeof(Word));
    if (stems == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(stem_list); i++) {
        const char *text;
        Py_ssize_t n;
        long long bit;
        if (!PyArg_ParseTuple(PyList_GET_ITEM(stem_list, i), "s#L", &text, &n, &bit))
            return NULL;
        char *copy = PyMem_Malloc((size_t)n + 1);
        if (copy == NULL)
            return PyErr_NoMemory();
        memcpy(copy, text, (size_t)n);
        copy[n] = 0;
        stems[n_stems++] = (Word){copy, (size_t)n, (int64_t)bit};
    }
    if (word_cache == NULL) {
        word_cache = PyMem_Calloc(CACHE_SLOTS, sizeof(CachedWord));
        cache_text = PyMem_Malloc((size_t)CACHE_SLOTS / 2 * CACHE_MAX_WORD);
        if (word_cache == NULL || cache_text == NULL)
            return PyErr_NoMemory();
    }
    cache_clear(); /* the words may have changed */
    div_kind = dkind;
    prose_min_chars = prose_min;
    check_every = every;
    Py_INCREF(coll);
    Py_XSETREF(collect_fn, coll);
    Py_INCREF(budget);
    Py_XSETREF(budget_exceeded, budget);
    Py_INCREF(mono);
    Py_XSETREF(monotonic_fn, mono);
    configured = 1;
    Py_RETURN_NONE;
}

/* ---- growable buffers --------------------------------------------------------------------------- */

typedef struct {
    char *data;
    size_t len, cap;
} Buf;

static int buf_reserve(Buf *b, size_t extra) {
    if (b->len + extra <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra)
        cap *= 2;
    char *data = PyMem_Realloc(b->data, cap);
    if (data == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    b->data = data;
    b->cap = cap;
    return 0;
}

static int buf_add(Buf *b, const void *src, size_t n) {
    if (buf_reserve(b, n) < 0)
        return -1;
    memcpy(b->data + b->len, src, n);
    b->len += n;
    return 0;
}

#define BUF_PUSH(b, type, value)                                                                             \
    (buf_reserve((b), sizeof(type)) < 0 ? -1                                                                \
                                        : (*(type *)((b)->data + (b)->len) = (value), (b)->len += sizeof(type), 0))
#define BUF_AT(b, type, i) (((type *)(b)->data)[i])
#define BUF_COUNT(b, type) ((b)->len / sizeof(type))

/* ---- text as Python sees it ------------------------------------------------------------------------ */

/* Length in bytes of a str.isspace() character at s (n bytes left), 0 if there is none. */
static size_t space_at(const unsigned char *s, size_t n) {
    unsigned char c = s[0];
    if (c < 0x80)
        return (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) ? 1 : 0;
    if (c == 0xC2)
        return (n >= 2 && (s[1] == 0x85 || s[1] == 0xA0)) ? 2 : 0;
    if (n < 3)
        return 0;
    if (c == 0xE1)
        return (s[1] == 0x9A && s[2] == 0x80) ? 3 : 0;
    if (c == 0xE2) {
        if (s[1] == 0x80)
            return (s[2] <= 0x8A && s[2] >= 0x80) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF ? 3 : 0;
        return (s[1] == 0x81 && s[2] == 0x9F) ? 3 : 0;
    }
    if (c == 0xE3)
        return (s[1] == 0x80 && s[2] == 0x80) ? 3 : 0;
    return 0;
}

/* Append " ".join(s.split()) to out. */
static int normalize_into(Buf *out, const char *src, size_t n) {
    const unsigned char *s = (const unsigned char *)src;
    size_t i = 0;
    int gap = 0;
    if (buf_reserve(out, n) < 0)
        return -1;
    char *dst = out->data + out->len;
    const char *first = dst;
    while (i < n) {
        unsigned char c = s[i];
        size_t w;
        if (c < 0x80) {
            if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F)) {
                gap = 1;
                i++;
                continue;
            }
            w = 1;
        } else if ((c == 0xC2 || (c >= 0xE1 && c <= 0xE3)) && (w = space_at(s + i, n - i)) != 0) {
            gap = 1;
            i += w;
            continue;
        } else {
            w = 1; /* a continuation byte of this character is copied on the next turns */
        }
        if (gap && dst > first)
            *dst++ = ' ';
        gap = 0;
        *dst++ = (char)c;
        i += w;
    }
    out->len = (size_t)(dst - out->data);
    return 0;
}

static Py_ssize_t code_points(const char *s, size_t n) {
    Py_ssize_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* lxml's _collectText: the consecutive text and CDATA nodes from node on (XInclude markers skipped). Sets
 * *found when there was such a node at all; appends their content to out. */
static int collect_text(Buf *out, xmlNode *node) {
    for (; node != NULL; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            if (node->content != NULL && buf_add(out, node->content, strlen((const char *)node->content)) < 0)
                return -1;
        } else if (node->type != XML_XINCLUDE_START && node->type != XML_XINCLUDE_END) {
            break;
        }
    }
    return 0;
}

/* Whether an xmlNode gets start and end events from iterwalk: elements and entity references. Comments and
 * processing instructions get none (their tails are lost with them), and text is read through its element. */
static inline int walkable(const xmlNode *node) {
    return node->type == XML_ELEMENT_NODE || node->type == XML_ENTITY_REF_NODE;
}

static xmlNode *next_walkable(xmlNode *node) {
    while (node != NULL && !walkable(node))
        node = node->next;
    return node;
}

/* ---- attributes -------------------------------------------------------------------------------------- */

#define UNSUPPORTED ((const char *)1)

/* el.get(name) as xmlGetNsProp(node, name, NULL) gives it: NULL when absent, UNSUPPORTED when the value is
 * not a single text node (blocks.py then walks in Python). */
static const char *attr_value(const xmlAttr *attr) {
    const xmlNode *child = attr->children;
    if (child == NULL)
        return "";
    if (child->next == NULL && (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE))
        return child->content != NULL ? (const char *)child->content : "";
    return UNSUPPORTED;
}

typedef struct {
    const char *cls, *id, *hidden, *aria_hidden, *style, *href;
} Attrs;

static int read_attrs(const xmlNode *node, Attrs *a) {
    memset(a, 0, sizeof(*a));
    for (const xmlAttr *attr = node->properties; attr != NULL; attr = attr->next) {
        if (attr->ns != NULL || attr->name == NULL)
            continue;
        const char *name = (const char *)attr->name;
        const char **slot = NULL;
        switch (name[0]) {
        case 'c':
            if (strcmp(name, "class") == 0)
                slot = &a->cls;
            break;
        case 'i':
            if (strcmp(name, "id") == 0)
                slot = &a->id;
            break;
        case 'h':
            if (strcmp(name, "hidden") == 0)
                slot = &a->hidden;
            else if (strcmp(name, "href") == 0)
                slot = &a->href;
            break;
        case 'a':
            if (strcmp(name, "aria-hidden") == 0)
                slot = &a->aria_hidden;
            break;
        case 's':
            if (strcmp(name, "style") == 0)
                slot = &a->style;
            break;
        }
        if (slot != NULL && *slot == NULL) {
            *slot = attr_value(attr);
            if (*slot == UNSUPPORTED)
                return -1;
        }
    }
    return 0;
}

/* The next code point of s (n > 0 bytes left), its length in *w. */
static uint32_t next_char(const unsigned char *s, size_t n, size_t *w) {
    unsigned char c = s[0];
    if (c < 0x80 || n < 2) {
        *w = 1;
        return c;
    }
    if (c < 0xE0) {
        *w = 2;
        return ((uint32_t)(c & 0x1F) << 6) | (s[1] & 0x3F);
    }
    if (c < 0xF0 || n < 4) {
        *w = n < 3 ? n : 3;
        return n < 3 ? c : ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
    }
    *w = 4;
    return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) | ((uint32_t)(s[2] & 0x3F) << 6) |
           (s[3] & 0x3F);
}

/* Whether word (lower-case ASCII) matches at s under re.IGNORECASE (Unicode: 'i' also matches U+0130 and
 * U+0131, 's' U+017F); the bytes matched go to *used. */
static int match_word(const unsigned char *s, size_t n, const char *word, size_t *used) {
    size_t i = 0;
    for (; *word; word++) {
        if (i >= n)
            return 0;
        size_t w;
        uint32_t c = next_char(s + i, n - i, &w);
        if (c < 0x80) {
            if (c >= 'A' && c <= 'Z')
                c += 32;
            if (c != (uint32_t)*word)
                return 0;
        } else if (!((*word == 'i' && (c == 0x130 || c == 0x131)) || (*word == 's' && c == 0x17F))) {
            return 0;
        }
        i += w;
    }
    *used = i;
    return 1;
}

static size_t skip_spaces(const unsigned char *s, size_t n) {
    size_t i = 0, w;
    while (i < n && (w = space_at(s + i, n - i)))
        i += w;
    return i;
}

/* blocks._HIDDEN_STYLE.search(style): display\s*:\s*none|visibility\s*:\s*hidden, ignoring case. */
static int hidden_style(const char *style) {
    const unsigned char *s = (const unsigned char *)style;
    size_t n = strlen(style);
    static const char *const pairs[2][2] = {{"display", "none"}, {"visibility", "hidden"}};
    for (size_t at = 0; at < n; at++) {
        for (int k = 0; k < 2; k++) {
            size_t i = at, used;
            if (!match_word(s + i, n - i, pairs[k][0], &used))
                continue;
            i += used;
            i += skip_spaces(s + i, n - i);
            if (i >= n || s[i] != ':')
                continue;
            i++;
            i += skip_spaces(s + i, n - i);
            if (match_word(s + i, n - i, pairs[k][1], &used))
                return 1;
        }
    }
    return 0;
}

/* ---- the walk ------------------------------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t number;
    int64_t cls, own, tags;
    int kind, is_block, is_a;
} Open;

typedef struct {
    struct LxmlDocument *doc;
    Buf pieces;       /* the text of the block being gathered, as "".join(pieces) */
    Buf link_text;    /* "".join(link_pieces) */
    Buf link_starts;  /* size_t: where each link piece starts in link_text */
    Buf scratch, scratch2;
    PyObject *pending_links;  /* list of (anchor, href) */
    Py_ssize_t link_start;
    const char *link_href;
    int link_depth;
    Buf stack;        /* Open */
    Buf block_stack;  /* Py_ssize_t: stack indexes of the open block elements */
    /* per element */
    Buf parent, last;  /* int32 */
    Buf prose;         /* int64 */
    Buf nodes;         /* xmlNode* */
    /* per block */
    PyObject *texts, *cells, *links, *jsonld;
    Buf kinds;                            /* int8 */
    Buf link_chars, owners;               /* int32 */
    Buf classes, near, tag_bits;          /* int64 */
    Buf depths;                           /* int16 */
    int too_deep;
    double deadline;
    int has_deadline;
} Walk;

static void walk_free(Walk *w) {
    Buf *bufs[] = {&w->pieces, &w->link_text, &w->link_starts, &w->scratch, &w->scratch2, &w->stack,
                   &w->block_stack, &w->parent, &w->last, &w->prose, &w->nodes, &w->kinds, &w->link_chars,
                   &w->owners, &w->classes, &w->near, &w->tag_bits, &w->depths};
    for (size_t i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
        PyMem_Free(bufs[i]->data);
    Py_XDECREF(w->pending_links);
    Py_XDECREF(w->texts);
    Py_XDECREF(w->cells);
    Py_XDECREF(w->links);
    Py_XDECREF(w->jsonld);
}

/* Result codes: 0 ok, -1 Python error (raise), -2 cannot reproduce (Python walk instead). */
#define FAIL (-1)
#define FALLBACK (-2)

/* The first occurrence of needle (m > 0 bytes) in s (n bytes), or NULL. */
static const char *find_bytes(const char *s, size_t n, const char *needle, size_t m) {
    if (m > n)
        return NULL;
    for (const char *end = s + n - m, *p = s; p <= end; p++) {
        p = memchr(p, needle[0], (size_t)(end - p) + 1);
        if (p == NULL)
            return NULL;
        if (memcmp(p, needle, m) == 0)
            return p;
    }
    return NULL;
}

static PyObject *decode(const char *s, size_t n) { return PyUnicode_DecodeUTF8(s, (Py_ssize_t)n, NULL); }

static void clear_link_pieces(Walk *w) {
    w->link_text.len = 0;
    w->link_starts.len = 0;
}

static int clear_pending(Walk *w) {
    if (PyList_GET_SIZE(w->pending_links) == 0)
        return 0;
    return PyList_SetSlice(w->pending_links, 0, PY_SSIZE_T_MAX, NULL) < 0 ? FAIL : 0;
}

/* dict[index] = value */
static int set_item_at(PyObject *dict, Py_ssize_t index, PyObject *value) {
    PyObject *key = PyLong_FromSsize_t(index);
    if (key == NULL)
        return FAIL;
    int rc = PyDict_SetItem(dict, key, value);
    Py_DECREF(key);
    return rc < 0 ? FAIL : 0;
}

static const char CELL[] = "\xee\x80\x80"; /* U+E000, blocks._CELL */

static int flush(Walk *w) {
    Buf *text = &w->scratch;
    text->len = 0;
    if (normalize_into(text, w->pieces.data, w->pieces.len) < 0)
        return FAIL;
    w->pieces.len = 0;
    if (text->len == 0) {
        clear_link_pieces(w);
        return clear_pending(w);
    }
    /* len(" ".join(" ".join(link_pieces).split())): pieces joined by a space, then normalized */
    Py_ssize_t link_len = 0;
    size_t n_link = BUF_COUNT(&w->link_starts, size_t);
    if (n_link) {
        Buf *joined = &w->scratch2;
        joined->len = 0;
        for (size_t i = 0; i < n_link; i++) {
            size_t from = BUF_AT(&w->link_starts, size_t, i);
            size_t to = i + 1 < n_link ? BUF_AT(&w->link_starts, size_t, i + 1) : w->link_text.len;
            if ((i && buf_add(joined, " ", 1) < 0) || buf_add(joined, w->link_text.data + from, to - from) < 0)
                return FAIL;
        }
        size_t raw = joined->len;
        if (buf_reserve(joined, raw) < 0 || normalize_into(joined, joined->data, raw) < 0) /* no move while read */
            return FAIL;
        link_len = code_points(joined->data + raw, joined->len - raw);
    }
    clear_link_pieces(w);
    Py_ssize_t index = PyList_GET_SIZE(w->texts);
    if (PyList_GET_SIZE(w->pending_links)) {
        PyObject *copy = PyList_GetSlice(w->pending_links, 0, PY_SSIZE_T_MAX);
        if (copy == NULL)
            return FAIL;
        int rc = set_item_at(w->links, index, copy);
        Py_DECREF(copy);
        if (rc < 0 || clear_pending(w) < 0)
            return FAIL;
    }
    PyObject *value;
    Py_ssize_t text_len;
    if (find_bytes(text->data, text->len, CELL, 3) != NULL) {
        /* row = [c.strip() for c in text.split(_CELL) if c.strip()]; text = " ".join(row) */
        PyObject *row = PyList_New(0);
        if (row == NULL)
            return FAIL;
        Buf *joined = &w->scratch2;
        joined->len = 0;
        size_t at = 0;
        for (;;) {
            const char *end = find_bytes(text->data + at, text->len - at, CELL, 3);
            size_t stop = end ? (size_t)(end - text->data) : text->len;
            size_t from = at, to = stop, sw;
            while (from < to && (sw = space_at((unsigned char *)text->data + from, to - from)))
                from += sw;
            while (to > from) { /* the normalized text has only single spaces as whitespace */
                if (text->data[to - 1] == ' ')
                    to--;
                else
                    break;
            }
            if (to > from) {
                PyObject *cell = decode(text->data + from, to - from);
                if (cell == NULL || PyList_Append(row, cell) < 0) {
                    Py_XDECREF(cell);
                    Py_DECREF(row);
                    return PyErr_ExceptionMatches(PyExc_UnicodeDecodeError) ? (PyErr_Clear(), FALLBACK) : FAIL;
                }
                Py_DECREF(cell);
                if ((joined->len && buf_add(joined, " ", 1) < 0) || buf_add(joined, text->data + from, to - from) < 0) {
                    Py_DECREF(row);
                    return FAIL;
                }
            }
            if (end == NULL)
                break;
            at = stop + 3;
        }
        if (joined->len == 0) {
            Py_DECREF(row);
            return 0;
        }
        if (PyList_GET_SIZE(row) > 1 && set_item_at(w->cells, index, row) < 0) {
            Py_DECREF(row);
            return FAIL;
        }
        Py_DECREF(row);
        value = decode(joined->data, joined->len);
        text_len = code_points(joined->data, joined->len);
    } else {
        value = decode(text->data, text->len);
        text_len = code_points(text->data, text->len);
    }
    if (value == NULL)
        return PyErr_ExceptionMatches(PyExc_UnicodeDecodeError) ? (PyErr_Clear(), FALLBACK) : FAIL;
    int rc = PyList_Append(w->texts, value);
    Py_DECREF(value);
    if (rc < 0)
        return FAIL;
    Py_ssize_t n_blocks = (Py_ssize_t)BUF_COUNT(&w->block_stack, Py_ssize_t);
    Py_ssize_t at = BUF_AT(&w->block_stack, Py_ssize_t, n_blocks - 1);
    const Open *owner = &BUF_AT(&w->stack, Open, at);
    int64_t near_cls = owner->own | (at ? BUF_AT(&w->stack, Open, at - 1).own : 0);
    if (link_len > text_len)
        link_len = text_len;
    if (n_blocks > INT16_MAX)
        w->too_deep = 1;
    if (BUF_PUSH(&w->link_chars, int32_t, (int32_t)link_len) < 0 || BUF_PUSH(&w->classes, int64_t, owner->cls) < 0 ||
        BUF_PUSH(&w->near, int64_t, near_cls) < 0 || BUF_PUSH(&w->tag_bits, int64_t, owner->tags) < 0 ||
        BUF_PUSH(&w->kinds, int8_t, (int8_t)owner->kind) < 0 || BUF_PUSH(&w->depths, int16_t, (int16_t)n_blocks) < 0 ||
        BUF_PUSH(&w->owners, int32_t, (int32_t)owner->number) < 0)
        return FAIL;
    Py_ssize_t weight = text_len - link_len - prose_min_chars;
    if (weight > 0)
        BUF_AT(&w->prose, int64_t, owner->number) += weight;
    return 0;
}

/* blocks.class_mask(f"{class or ''} {id or ''}"): the words of both, apart */
static int64_t own_mask(const Attrs *a) {
    return (a->cls ? class_bits(a->cls, strlen(a->cls)) : 0) | (a->id ? class_bits(a->id, strlen(a->id)) : 0);
}

static int has_article_body(Walk *w, xmlNode *first_text) {
    Buf *text = &w->scratch;
    text->len = 0;
    if (collect_text(text, first_text) < 0)
        return FAIL;
    return find_bytes(text->data, text->len, "\"articleBody\"", 13) != NULL;
}

/* Whether jsonld_body.collect could find anything under a skipped <script> or <head>: a run of text nodes
 * holding "articleBody" (for <head>, anywhere below it). Only then is collect() called, with a proxy. */
static int may_hold_jsonld(Walk *w, xmlNode *node, int is_head) {
    if (!is_head)
        return has_article_body(w, node->children);
    xmlNode *cur = node->children;
    while (cur != NULL) {
        if (cur->type == XML_ELEMENT_NODE) {
            int found = has_article_body(w, cur->children);
            if (found)
                return found;
            if (cur->children != NULL) {
                cur = cur->children;
                continue;
            }
        }
        while (cur != node && cur->next == NULL)
            cur = cur->parent;
        if (cur == node)
            break;
        cur = cur->next;
    }
    return 0;
}

static int collect_jsonld(Walk *w, xmlNode *node, int is_head) {
    int found = may_hold_jsonld(w, node, is_head);
    if (found <= 0)
        return found;
    PyObject *element = (PyObject *)elementFactory(w->doc, node);
    if (element == NULL)
        return FAIL;
    PyObject *result = PyObject_CallFunctionObjArgs(collect_fn, element, w->jsonld, NULL);
    Py_DECREF(element);
    if (result == NULL)
        return FAIL;
    Py_DECREF(result);
    return 0;
}

static int add_tail(Walk *w, xmlNode *node) {
    if (w->stack.len == 0)
        return 0;
    size_t before = w->pieces.len;
    if (collect_text(&w->pieces, node->next) < 0)
        return FAIL;
    size_t n = w->pieces.len - before;
    if (n && w->link_depth) {
        if (BUF_PUSH(&w->link_starts, size_t, w->link_text.len) < 0 ||
            buf_add(&w->link_text, w->pieces.data + before, n) < 0)
            return FAIL;
    }
    return 0;
}

/* The start of a node; *descend tells whether its children are walked (else its end comes next). */
static int start(Walk *w, xmlNode *node, int *descend) {
    *descend = 0;
    if (node->type != XML_ELEMENT_NODE)
        return 0; /* an entity reference: skipped, its tail kept */
    const TagInfo *tag = &unknown_tag;
    if (node->ns == NULL) {
        tag = find_tag(node->name);
    } else if (node->ns->href == NULL) {
        return FALLBACK;
    }
    Attrs a;
    if (read_attrs(node, &a) < 0)
        return FALLBACK;
    int skip = (tag->flags & T_SKIP) || a.hidden != NULL || (a.aria_hidden != NULL && strcmp(a.aria_hidden, "true") == 0) ||
               (a.style != NULL && hidden_style(a.style));
    if (skip) {
        if (tag->flags & T_COLLECT)
            return collect_jsonld(w, node, tag->flags & T_HEAD);
        return 0;
    }
    Py_ssize_t number = (Py_ssize_t)BUF_COUNT(&w->parent, int32_t);
    if (w->has_deadline && number % check_every == 0) {
        PyObject *now = PyObject_CallNoArgs(monotonic_fn);
        if (now == NULL)
            return FAIL;
        double t = PyFloat_AsDouble(now);
        Py_DECREF(now);
        if (t == -1.0 && PyErr_Occurred())
            return FAIL;
        if (t > w->deadline) {
            PyErr_SetNone(budget_exceeded);
            return FAIL;
        }
    }
    size_t depth = BUF_COUNT(&w->stack, Open);
    const Open *up = depth ? &BUF_AT(&w->stack, Open, depth - 1) : NULL;
    if (BUF_PUSH(&w->parent, int32_t, up ? (int32_t)up->number : -1) < 0 ||
        BUF_PUSH(&w->last, int32_t, (int32_t)number) < 0 || BUF_PUSH(&w->prose, int64_t, 0) < 0 ||
        BUF_PUSH(&w->nodes, xmlNode *, node) < 0)
        return FAIL;
    int64_t own = own_mask(&a);
    Open entry;
    entry.number = number;
    entry.own = own;
    entry.cls = (up ? up->cls : 0) | own;
    entry.tags = (up ? up->tags : 0) | tag->tag_bit;
    entry.is_block = tag->kind >= 0;
    entry.kind = entry.is_block ? tag->kind : (up ? up->kind : div_kind);
    entry.is_a = (tag->flags & T_A) != 0;
    if (tag->flags & T_CELL) {
        if (buf_add(&w->pieces, CELL, 3) < 0)
            return FAIL;
    } else if (w->pieces.len && (entry.is_block || (tag->flags & T_BR))) {
        int rc = flush(w);
        if (rc < 0)
            return rc;
    }
    if (BUF_PUSH(&w->stack, Open, entry) < 0)
        return FAIL;
    if (entry.is_block && BUF_PUSH(&w->block_stack, Py_ssize_t, (Py_ssize_t)depth) < 0)
        return FAIL;
    if (entry.is_a) {
        if (!w->link_depth) {
            w->link_start = (Py_ssize_t)BUF_COUNT(&w->link_starts, size_t);
            w->link_href = a.href ? a.href : "";
        }
        w->link_depth++;
    }
    size_t before = w->pieces.len;
    if (collect_text(&w->pieces, node->children) < 0)
        return FAIL;
    size_t n = w->pieces.len - before;
    if (n && w->link_depth) {
        if (BUF_PUSH(&w->link_starts, size_t, w->link_text.len) < 0 ||
            buf_add(&w->link_text, w->pieces.data + before, n) < 0)
            return FAIL;
    }
    *descend = 1;
    return 0;
}

/* The end of a node whose children were walked. */
static int end_open(Walk *w) {
    size_t depth = BUF_COUNT(&w->stack, Open);
    Open top = BUF_AT(&w->stack, Open, depth - 1);
    if (top.is_block) {
        if (w->pieces.len) {
            int rc = flush(w);
            if (rc < 0)
                return rc;
        }
        w->block_stack.len -= sizeof(Py_ssize_t);
    }
    if (top.is_a) {
        w->link_depth--;
        Py_ssize_t n_link = (Py_ssize_t)BUF_COUNT(&w->link_starts, size_t);
        if (!w->link_depth && w->link_href[0] && w->link_start <= n_link) {
            size_t from = w->link_start < n_link ? BUF_AT(&w->link_starts, size_t, w->link_start) : w->link_text.len;
            Buf *anchor = &w->scratch;
            anchor->len = 0;
            if (normalize_into(anchor, w->link_text.data + from, w->link_text.len - from) < 0)
                return FAIL;
            if (anchor->len) {
                PyObject *text = decode(anchor->data, anchor->len);
                if (text == NULL)
                    return PyErr_ExceptionMatches(PyExc_UnicodeDecodeError) ? (PyErr_Clear(), FALLBACK) : FAIL;
                PyObject *href = PyUnicode_DecodeUTF8(w->link_href, (Py_ssize_t)strlen(w->link_href), NULL);
                if (href == NULL) {
                    Py_DECREF(text);
                    return PyErr_ExceptionMatches(PyExc_UnicodeDecodeError) ? (PyErr_Clear(), FALLBACK) : FAIL;
                }
                PyObject *pair = PyTuple_Pack(2, text, href);
                Py_DECREF(text);
                Py_DECREF(href);
                if (pair == NULL || PyList_Append(w->pending_links, pair) < 0) {
                    Py_XDECREF(pair);
                    return FAIL;
                }
                Py_DECREF(pair);
            }
        }
    }
    w->stack.len -= sizeof(Open);
    Py_ssize_t number = top.number;
    BUF_AT(&w->last, int32_t, number) = (int32_t)(BUF_COUNT(&w->parent, int32_t) - 1);
    int64_t weight = BUF_AT(&w->prose, int64_t, number);
    if (number && weight)
        BUF_AT(&w->prose, int64_t, BUF_AT(&w->parent, int32_t, number)) += weight;
    return 0;
}

static int run(Walk *w, xmlNode *root) {
    xmlNode *node = root;
    int descend, rc;
    if ((rc = start(w, node, &descend)) < 0)
        return rc;
    for (;;) {
        xmlNode *child = descend ? next_walkable(node->children) : NULL;
        if (child != NULL) {
            node = child;
            if ((rc = start(w, node, &descend)) < 0)
                return rc;
            continue;
        }
        if (descend && (rc = end_open(w)) < 0)
            return rc;
        if ((rc = add_tail(w, node)) < 0)
            return rc;
        for (;;) {
            if (node == root)
                return 0;
            xmlNode *sibling = next_walkable(node->next);
            if (sibling != NULL) {
                node = sibling;
                if ((rc = start(w, node, &descend)) < 0)
                    return rc;
                break;
            }
            node = node->parent;
            if ((rc = end_open(w)) < 0 || (rc = add_tail(w, node)) < 0)
                return rc;
        }
    }
}

static PyObject *as_bytes(Buf *b) { return PyByteArray_FromStringAndSize(b->data ? b->data : "", (Py_ssize_t)b->len); }

static int attributes_have_defaults(const xmlDoc *doc) {
    return (doc->intSubset != NULL && doc->intSubset->attributes != NULL) ||
           (doc->extSubset != NULL && doc->extSubset->attributes != NULL);
}

/* walk(root, deadline) -> the PageBlocks fields as (texts, cells, links, kinds, link_chars, classes,
 * near_classes, tags, depth, owner, elements, parent, last, prose, jsonld), the arrays as bytearrays in
 * native byte order; None when the page needs the Python walk. root must be an lxml element of an HTML
 * document whose tag is a block tag (blocks.py checks the type and the tag). */
static PyObject *walk(PyObject *self, PyObject *args) {
    PyObject *root_obj, *deadline_obj;
    if (!PyArg_ParseTuple(args, "OO", &root_obj, &deadline_obj))
        return NULL;
    if (!configured) {
        PyErr_SetString(PyExc_RuntimeError, "walk: configure() first");
        return NULL;
    }
    struct LxmlElement *root = (struct LxmlElement *)root_obj;
    xmlNode *c_root = root->_c_node;
    if (c_root == NULL || root->_doc == NULL || c_root->type != XML_ELEMENT_NODE || c_root->doc == NULL ||
        c_root->doc->type != XML_HTML_DOCUMENT_NODE || attributes_have_defaults(c_root->doc) || c_root->ns != NULL ||
        find_tag(c_root->name)->kind < 0)
        Py_RETURN_NONE;
    Walk w;
    memset(&w, 0, sizeof(w));
    w.doc = root->_doc;
    if (deadline_obj != Py_None) {
        w.deadline = PyFloat_AsDouble(deadline_obj);
        if (w.deadline == -1.0 && PyErr_Occurred())
            return NULL;
        w.has_deadline = 1;
    }
    w.pending_links = PyList_New(0);
    w.texts = PyList_New(0);
    w.cells = PyDict_New();
    w.links = PyDict_New();
    w.jsonld = PyList_New(0);
    if (!w.pending_links || !w.texts || !w.cells || !w.links || !w.jsonld) {
        walk_free(&w);
        return NULL;
    }
    int rc = run(&w, c_root);
    if (rc == 0 && w.pieces.len) /* unreachable with a block root; kept for symmetry with the Python walk */
        rc = FALLBACK;
    if (rc == 0 && w.too_deep)
        rc = FALLBACK;
    if (rc < 0) {
        walk_free(&w);
        if (rc == FALLBACK)
            Py_RETURN_NONE;
        return NULL;
    }
    size_t n_blocks = BUF_COUNT(&w.owners, int32_t);
    PyObject *elements = PyList_New((Py_ssize_t)n_blocks);
    if (elements == NULL) {
        walk_free(&w);
        return NULL;
    }
    PyObject *previous = NULL;
    int32_t previous_owner = -1;
    for (size_t i = 0; i < n_blocks; i++) {
        int32_t owner = BUF_AT(&w.owners, int32_t, i);
        if (owner != previous_owner) {
            previous = (PyObject *)elementFactory(w.doc, BUF_AT(&w.nodes, xmlNode *, owner));
            if (previous == NULL) {
                Py_DECREF(elements);
                walk_free(&w);
                return NULL;
            }
            previous_owner = owner;
        } else {
            Py_INCREF(previous);
        }
        PyList_SET_ITEM(elements, (Py_ssize_t)i, previous);
    }
    PyObject *result = Py_BuildValue("(OOONNNNNNNNNNNO)", w.texts, w.cells, w.links, as_bytes(&w.kinds),
                                     as_bytes(&w.link_chars), as_bytes(&w.classes), as_bytes(&w.near),
                                     as_bytes(&w.tag_bits), as_bytes(&w.depths), as_bytes(&w.owners), elements,
                                     as_bytes(&w.parent), as_bytes(&w.last), as_bytes(&w.prose), w.jsonld);
    walk_free(&w);
    return result;
}

static PyMethodDef methods[] = {
    {"configure", configure, METH_VARARGS, "Set the tag table and the Python helpers the walk calls."},
    {"class_mask", py_class_mask, METH_O, "The category bits of a class and id string, as blocks.class_mask."},
    {"walk", walk, METH_VARARGS, "The PageBlocks fields of the tree under an lxml HTML element (or None)."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_walk", NULL, -1, methods};

PyMODINIT_FUNC PyInit__walk(void) {
    PyObject *m = PyModule_Create(&module);
    if (m == NULL)
        return NULL;
    if (PyModule_AddStringConstant(m, "LXML_VERSION", LXML_VERSION_STRING) < 0 ||
        PyModule_AddStringConstant(m, "LIBXML_VERSION", LIBXML_DOTTED_VERSION) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
