use super::Messages;

pub const FR: Messages = Messages {
    lang: "fr",
    dir: "ltr",
    loading: "Chargement de l’article…",
    retry: "Réessayer",
    error_title: "L’article n’a pas pu être affiché",
    error_network: "Impossible de joindre l’article. Vérifiez votre connexion, puis réessayez.",
    error_timeout: "L’article a mis trop de temps à arriver.",
    error_not_found: "L’article est introuvable (HTTP {status}).",
    error_http: "Le serveur de l’article a répondu par une erreur (HTTP {status}).",
    error_not_json:
        "Le serveur n’a pas envoyé de document d’article (la réponse n’est pas du JSON).",
    error_schema: "Le document de l’article contient une erreur : {detail}",
    error_unsupported: "Cet article utilise un format que ce widget ne lit pas ({format}).",
    error_too_large: "L’article est trop volumineux pour être affiché ({detail}).",
    widget_crashed: "Une erreur s’est produite dans le widget d’article. ",
    reload_page: "Recharger la page",
    by: "Par",
    published: "Publié le",
    updated: "Mis à jour le",
    related_default_title: "Ailleurs sur le Web",
    poll_label: "Sondage des lecteurs",
    embed_label: "Contenu intégré",
    // Sections
    sections_expand_all: "Tout déplier",
    sections_collapse_all: "Tout replier",
    section_reading_time: "{minutes} min de lecture",
    section_copy_link: "Copier le lien vers « {heading} »",
    section_link_copied: "Lien copié",
    section_link_in_address_bar: "Le lien est dans la barre d’adresse",
};
