"""Named boilerplate vocabularies: phrases that open typical non-article lines.

Each vocabulary is a reviewable tuple of phrases of one to three words (case-insensitive, matched on the
first words of a line, bullets and punctuation before them ignored). A match is a *feature* for the
model, never a verdict on its own: "Related posts" as a whole line is a strong boilerplate signal, the
same words opening a long sentence are not.
"""

from __future__ import annotations

NAVIGATION = (
    "home", "menu", "main menu", "left menu", "navigation", "skip to", "jump to", "search", "hi what are",
    "connect with us", "section", "sections", "edition", "editions", "categories", "startseite", "zum inhalt",
    "zur navigation", "suche", "hauptmenü", "inhalt", "mehr zum thema", "back to top", "next post",
    "next article", "next story", "previous post", "previous article", "previous story", "prev", "next",
    "latest news", "top stories", "you are here", "sie sind hier", "breadcrumb", "sitemap", "tags", "tagged",
    "filed under", "posted in", "category", "kategorie", "themen", "ressorts", "rubriken", "navigation menu",
)
TRENDING = (
    "trending", "most read", "most popular", "most viewed", "most shared", "popular", "top", "meistgelesen",
    "meistgelesene", "beliebt", "beliebteste", "editor s picks", "editors picks", "don t miss", "must read",
    "recommended", "highlights", "top news", "top themen", "breaking news", "devshots",
)
RELATED = (
    "lire aussi", "à lire aussi", "voir aussi", "même sujet", "leer más", "lee también", "te puede",
    "leia também", "leia mais", "veja também", "leggi anche", "potrebbe interessarti", "czytaj też",
    "czytaj także", "zobacz też", "zobacz także", "lees ook", "meer over",
    "related", "related posts", "related articles", "related stories", "related news", "related coverage",
    "related topics", "more from", "more on", "more in", "more stories", "more news", "you may also",
    "you may like", "you might also", "you might like", "also read", "read also", "see also",
    "further reading", "weitere artikel", "das könnte sie", "lesen sie auch", "lesen sie mehr",
    "auch interessant", "mehr lesen", "weiterlesen", "ähnliche artikel", "verwandte", "other links",
    "recommended for you", "opinion blog interview", "click to watch", "watch", "video", "videos", "podcast",
    "mehr dazu", "zum thema", "weitere meldungen", "ähnliche themen", "das könnte", "newer post",
    "older post", "in other news", "up next", "read next",
)
NEWSLETTER = (
    "abonnez vous", "inscrivez vous", "suscríbete", "suscribirse", "assine", "iscriviti", "zapisz się",
    "zapraszamy do", "aanmelden", "submit your",
    "subscribe", "sign up", "newsletter", "get our latest", "get the latest", "get our daily", "join our",
    "abonnieren", "jetzt abonnieren", "anmelden", "registrieren", "enter your email", "your email",
    "email address", "e mail adresse", "free trial", "subscribe to our", "abo", "jetzt testen",
)
COMMENTS = (
    "commentaires", "réagir", "comentarios", "comentários", "commenti", "komentarze",
    "komentarz", "reacties", "laisser un commentaire", "deja un comentario",
    "leave a reply", "leave a comment", "click to comment", "post a comment", "comment", "comments",
    "reply", "your email address", "required fields are", "name", "website", "kommentar", "kommentare",
    "kommentieren", "antworten", "log in to", "login to", "be the first", "cancel reply", "save my name",
    "notify me", "add comment", "add a comment", "leserkommentare", "diskussion", "join the conversation",
    "join the discussion", "show comments", "view comments", "comments closed",
)
SHARE = (
    "partager", "compartir", "compartilhe", "condividi", "udostępnij", "delen", "teilen sie",
    "share", "share this", "share on", "share via", "tweet", "facebook", "twitter", "linkedin", "whatsapp",
    "pinterest", "reddit", "email", "e mail", "print", "teilen", "auf facebook", "drucken", "copy link",
    "follow us", "folgen sie", "connect us on", "rss", "youtube", "instagram", "telegram", "xing", "flipboard",
    "mail", "messenger", "tumblr", "pocket",
)
CREDITS = (
    "photo", "photos", "photograph", "image", "images", "picture", "foto", "fotos", "bild", "bilder", "credit",
    "credits", "getty", "getty images", "reuters", "ap photo", "afp", "dpa", "shutterstock", "source", "quelle",
    "file photo", "representative image", "fotostrecke", "bildergalerie", "gallery", "galerie",
    "imago", "keystone", "epa", "istock", "symbolbild", "caption", "bildquelle", "grafik", "illustration",
)
COOKIES = (
    "cookie", "cookies", "we use cookies", "this site uses", "this website uses", "privacy", "privacy policy",
    "datenschutz", "datenschutzerklärung", "accept", "akzeptieren", "consent", "gdpr", "terms of", "terms and",
    "terms", "disclaimer", "impressum", "agb", "nutzungsbedingungen", "copyright", "all rights reserved",
    "alle rechte", "powered by", "contact", "contact us", "kontakt", "about us", "über uns", "advertisement",
    "advertise", "advertising", "anzeige", "werbung", "sponsored", "give feedback", "feedback", "jobs",
    "karriere", "careers", "mediadaten", "press", "presse", "faq", "hilfe", "help",
)
CALL_TO_ACTION = (
    "click here", "read more", "read full", "continue reading", "learn more", "find out more", "download",
    "buy now", "shop now", "play", "watch now", "listen", "view all", "view more", "see all", "see more",
    "load more", "show more", "mehr", "hier klicken", "zum artikel", "alle", "mehr erfahren", "jetzt lesen",
    "weiter", "zurück", "more", "click", "tap", "open", "buy", "order",
)
BYLINE = (
    "by", "von", "par", "por", "door", "author", "autor", "autorin", "written by", "posted by", "text",
    "reporting by", "geschrieben von", "redaktion", "editor", "reporter", "staff", "news desk",
)
LOGIN = ("log in", "login", "sign in", "log out", "logout", "register", "my account", "mein konto", "einloggen")

VOCABULARIES: dict[str, tuple[str, ...]] = {
    "navigation": NAVIGATION,
    "trending": TRENDING,
    "related": RELATED,
    "newsletter": NEWSLETTER,
    "comments": COMMENTS,
    "share": SHARE,
    "credits": CREDITS,
    "cookies": COOKIES,
    "call_to_action": CALL_TO_ACTION,
    "login": LOGIN,
    "byline": BYLINE,
}
NAMES: tuple[str, ...] = tuple(VOCABULARIES)
MAX_PHRASE_WORDS = 3

# Month names and abbreviations: a line with one of these next to a number is likely a date line.
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "januar", "jänner", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "okt", "dez",
    "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "updated",
    "published", "aktualisiert", "veröffentlicht", "posted", "stand", "am", "pm", "uhr", "ist", "gmt", "utc",
    "cet", "cest", "est", "edt", "pst", "ago",
)
