"""Stop words per language: the most frequent function words, used for the stop-word ratio of a line
and to tell the language of a page. Short lists on purpose: they cover most running text."""

from __future__ import annotations

STOPWORDS: dict[str, tuple[str, ...]] = {
    "en": (
        "the", "of", "and", "to", "a", "in", "is", "it", "that", "was", "for", "on", "are", "as", "with",
        "he", "she", "they", "at", "be", "this", "have", "from", "or", "had", "by", "but", "not", "what",
        "all", "were", "we", "when", "your", "can", "said", "there", "an", "which", "their", "if", "do",
        "will", "each", "about", "how", "up", "out", "them", "then", "many", "some", "so", "these",
        "would", "other", "into", "has", "more", "her", "his", "him", "than", "been", "who", "its",
        "now", "over", "also", "after", "our", "because", "while", "where", "most", "could", "should",
        "those", "very", "just", "such", "only", "any", "may", "between", "during", "against",
    ),
    "de": (
        "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für", "ist",
        "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus", "er", "hat",
        "dass", "daß", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch", "wie", "einem",
        "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber", "vor", "zur", "bis", "mehr",
        "durch", "man", "sein", "wurde", "sei", "ich", "wir", "ihr", "ihre", "seine", "kann", "dann",
        "schon", "wenn", "weil", "unter", "doch", "diese", "dieser", "dieses", "wurden", "hatte", "sehr",
    ),
    "fr": (
        "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour", "qui",
        "dans", "par", "plus", "pas", "au", "sur", "ne", "se", "ce", "il", "sont", "aux", "avec", "son",
        "elle", "mais", "ou", "nous", "vous", "ils", "été", "leur", "cette", "ses", "comme", "tout",
        "fait", "peut", "aussi", "bien", "sans", "entre", "deux", "dont", "même", "où", "très", "avait",
    ),
    "es": (
        "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para", "con",
        "no", "una", "su", "al", "lo", "como", "más", "pero", "sus", "le", "ya", "o", "este", "sí",
        "porque", "esta", "entre", "cuando", "muy", "sin", "sobre", "también", "me", "hasta", "hay",
        "donde", "quien", "desde", "todo", "nos", "durante", "todos", "uno", "les", "ni", "contra", "fue",
    ),
    "it": (
        "di", "che", "è", "e", "la", "il", "un", "a", "per", "in", "una", "sono", "mi", "non", "si",
        "lo", "con", "ma", "le", "del", "della", "da", "dei", "nel", "alla", "anche", "come", "più",
        "gli", "questo", "al", "delle", "ha", "sul", "nella", "degli", "dal", "ci", "tra", "essere",
    ),
    "pt": (
        "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma", "os", "no",
        "se", "na", "por", "mais", "as", "dos", "como", "mas", "foi", "ao", "ele", "das", "tem", "à",
        "seu", "sua", "ou", "ser", "quando", "muito", "há", "nos", "já", "está", "também", "só", "pelo",
    ),
    "nl": (
        "de", "en", "van", "ik", "te", "dat", "die", "in", "een", "hij", "het", "niet", "zijn", "is",
        "was", "op", "aan", "met", "als", "voor", "had", "er", "maar", "om", "hem", "dan", "zou", "of",
        "wat", "mijn", "men", "dit", "zo", "door", "over", "ze", "zich", "bij", "ook", "tot", "je", "wordt",
    ),
    "pl": (
        "i", "w", "na", "z", "do", "nie", "się", "że", "to", "jest", "o", "a", "jak", "po", "od", "za",
        "przez", "dla", "co", "ale", "jego", "jej", "tak", "są", "być", "już", "czy", "tym", "który",
        "która", "które", "oraz", "także", "może", "tylko", "było", "został", "będzie", "przy", "jako",
    ),
}

LANGUAGES: tuple[str, ...] = tuple(STOPWORDS)
