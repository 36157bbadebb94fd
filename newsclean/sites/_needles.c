/* Which of a few short strings a page's text holds, in one pass over the str (newsclean.sites.literal).
 *
 * Optional: when this module is not built, literal.present asks `needle in text` once per needle, which
 * gives the same answer (tests compare the two). Site rules ask this of every page for the plain words
 * their patterns need ("Devdiscourse", "Advertisement"); most pages hold none of them, and one pass
 * that looks up each pair of neighbouring characters in a small bit table costs less than a search per
 * word. Each needle is entered in the table by its rarest-looking pair of characters (capitals,
 * punctuation and rare letters before common letters and spaces), so that few places in a text lead
 * to a comparison.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define MAX_NEEDLES 64
#define PAIR_BITS 16

/* The bit-table slot of two neighbouring characters: unique for ASCII pairs. */
#define PAIR(a, b) (((((uint32_t)(a)) << 7) ^ ((uint32_t)(b))) & ((1u << PAIR_BITS) - 1))

typedef struct {
    Py_UCS4 *chars[MAX_NEEDLES];
    Py_ssize_t len[MAX_NEEDLES];
    Py_ssize_t anchor[MAX_NEEDLES]; /* where in the needle its pair in the table starts */
    int paired[MAX_NEEDLES]; /* indices of the needles of two characters or more */
    int n_paired;
    uint64_t table[(1u << PAIR_BITS) / 64];
} Needles;

/* The pass, once per storage kind of the str. Sets the bits of the paired needles found in `found`, and
   stops once each of `wanted` is found (or at the first found when `first` is set). */
#define FIND_LOOP(NAME, CHAR_T)                                                                              \
    static uint64_t NAME(const CHAR_T *s, Py_ssize_t n, const Needles *nd, uint64_t found, uint64_t wanted,    \
                         int first) {                                                                        \
        for (Py_ssize_t i = 0; i + 1 < n; i++) {                                                             \
            const uint32_t slot = PAIR(s[i], s[i + 1]);                                                      \
            if (!((nd->table[slot >> 6] >> (slot & 63)) & 1))                                                \
                continue;                                                                                    \
            for (int k = 0; k < nd->n_paired; k++) {                                                         \
                const int j = nd->paired[k];                                                                 \
                const Py_ssize_t m = nd->len[j], at = i - nd->anchor[j];                                     \
                const Py_UCS4 *c = nd->chars[j];                                                             \
                if ((found >> j) & 1 || at < 0 || m > n - at)                                                \
                    continue;                                                                                \
                Py_ssize_t t = 0;                                                                            \
                while (t < m && (Py_UCS4)s[at + t] == c[t])                                                  \
                    t++;                                                                                     \
                if (t == m) {                                                                                \
                    found |= (uint64_t)1 << j;                                                               \
                    if (first || (found & wanted) == wanted)                                                 \
                        return found;                                                                        \
                }                                                                                            \
            }                                                                                                \
        }                                                                                                    \
        return found;                                                                                        \
    }

FIND_LOOP(find_ucs1, Py_UCS1)
FIND_LOOP(find_ucs2, Py_UCS2)
FIND_LOOP(find_ucs4, Py_UCS4)

/* How rarely a character is expected in a text, higher for rarer: lower-case letters by their frequency
   in English, capitals, digits and punctuation above them, white space lowest. */
static int rarity(Py_UCS4 c) {
    static const char *by_frequency = "etaoinshrdlcumwfgypbvkjxqz";
    if (c == ' ' || c == '\n' || c == '\t')
        return 0;
    if (c >= 'a' && c <= 'z')
        return 1 + (int)(strchr(by_frequency, (int)c) - by_frequency);
    if (c >= 'A' && c <= 'Z')
        return 22;
    if (c >= '0' && c <= '9')
        return 16;
    return 24;
}

/* present(text, needles, first) -> int: bit i set when needles[i] is in text (at most 64 needles). With
   `first` true the pass may stop at the first needle found: the result is then non-zero exactly when one
   of them is in text. */
static PyObject *present(PyObject *self, PyObject *args) {
    PyObject *text, *needles;
    int first;
    if (!PyArg_ParseTuple(args, "UO!p", &text, &PyTuple_Type, &needles, &first))
        return NULL;
    const Py_ssize_t count = PyTuple_GET_SIZE(needles);
    if (count > MAX_NEEDLES) {
        PyErr_SetString(PyExc_ValueError, "present: at most 64 needles");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(text) < 0)
        return NULL;
#endif
    Needles *nd = PyMem_Calloc(1, sizeof(Needles));
    if (nd == NULL)
        return PyErr_NoMemory();
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    uint64_t found = 0, wanted = 0;
    PyObject *result = NULL;
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *needle = PyTuple_GET_ITEM(needles, j);
        if (!PyUnicode_Check(needle)) {
            PyErr_SetString(PyExc_TypeError, "present: needles must be str");
            goto done;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(needle) < 0)
            goto done;
#endif
        const Py_ssize_t m = PyUnicode_GET_LENGTH(needle);
        if (m < 2) { /* the empty string is in every text; one character is looked for directly */
            Py_ssize_t at = m == 0 ? 0 : PyUnicode_FindChar(text, PyUnicode_READ_CHAR(needle, 0), 0, n, 1);
            if (at == -2)
                goto done;
            if (at >= 0)
                found |= (uint64_t)1 << j;
            continue;
        }
        nd->chars[j] = PyUnicode_AsUCS4Copy(needle);
        if (nd->chars[j] == NULL)
            goto done;
        const Py_UCS4 *c = nd->chars[j];
        Py_ssize_t best = 0;
        for (Py_ssize_t a = 1; a + 1 < m; a++)
            if (rarity(c[a]) + rarity(c[a + 1]) > rarity(c[best]) + rarity(c[best + 1]))
                best = a;
        nd->len[j] = m;
        nd->anchor[j] = best;
        nd->paired[nd->n_paired++] = (int)j;
        wanted |= (uint64_t)1 << j;
        const uint32_t slot = PAIR(c[best], c[best + 1]);
        nd->table[slot >> 6] |= (uint64_t)1 << (slot & 63);
    }
    if (nd->n_paired && !(first && found)) {
        switch (PyUnicode_KIND(text)) {
        case PyUnicode_1BYTE_KIND:
            found = find_ucs1(PyUnicode_1BYTE_DATA(text), n, nd, found, wanted, first);
            break;
        case PyUnicode_2BYTE_KIND:
            found = find_ucs2(PyUnicode_2BYTE_DATA(text), n, nd, found, wanted, first);
            break;
        default:
            found = find_ucs4(PyUnicode_4BYTE_DATA(text), n, nd, found, wanted, first);
        }
    }
    result = PyLong_FromUnsignedLongLong(found);
done:
    for (Py_ssize_t j = 0; j < count; j++)
        PyMem_Free(nd->chars[j]);
    PyMem_Free(nd);
    return result;
}

static PyMethodDef methods[] = {
    {"present", present, METH_VARARGS, "Bit i set when needles[i] is in text."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_needles", NULL, -1, methods};

PyMODINIT_FUNC PyInit__needles(void) { return PyModule_Create(&module); }
