# Reader pages' fixed text (fr). Keys are the same in every language; a key
# missing here falls back to English.

nav-latest = À la une
nav-ratings = Verdicts
nav-topics = Thèmes
nav-claimants = Auteurs
nav-search = Rechercher
nav-label = Site
skip = Aller au contenu
footer-about = { $site } confronte les affirmations aux preuves publiées et montre chaque source citée.
footer-corrections = Corrections et mises à jour
footer-tip = Proposer une affirmation à vérifier
fact-check = Vérification :
by = Par
published = Publié le
updated = Mis à jour le
also-in = Aussi en :
claim = Affirmation :
claimed-by = Affirmé par
claimed-on = le
rating = Verdict :
how-we-rate = Notre échelle
rated = Jugé
rated-by = par
not-ours = qui n’est pas l’un de nos verdicts
original-publisher = l’éditeur d’origine
where-appeared = Où l’affirmation est apparue
archived = archive
corrections = Corrections et mises à jour
correction = Correction
update = Mise à jour
rating-changed = Verdict changé de { $from } à { $to }
on = le
all-corrections = Toutes les corrections et notre politique
retracted = Cette vérification a été retirée
retracted-claim = L’affirmation examinée était :
see-our = Voir notre
corrections-policy = politique de correction
key-points = Points clés
sources = Sources
related = Vérifications liées
share = Partager cette vérification
share-link = Lien vers cette page
copy-link = Copier le lien
tags = Mots-clés
report-error = Signaler une erreur
report-error-rest = dans cette vérification.
our-copy = notre copie
link-dead = le lien ne fonctionne plus
date-long = { $day } { $month } { $year }
month-1 = janvier
month-2 = février
month-3 = mars
month-4 = avril
month-5 = mai
month-6 = juin
month-7 = juillet
month-8 = août
month-9 = septembre
month-10 = octobre
month-11 = novembre
month-12 = décembre

## The rating scale's labels and definitions, by slug.
rating-true = Vrai
rating-true-definition = L’affirmation est exacte et rien d’important ne manque.
rating-mostly-true = Plutôt vrai
rating-mostly-true-definition = L’affirmation est exacte mais demande des précisions ou du contexte.
rating-mixture = Mitigé
rating-mixture-definition = L’affirmation mêle à parts à peu près égales éléments exacts et inexacts.
rating-mostly-false = Plutôt faux
rating-mostly-false-definition = L’affirmation contient une part de vérité mais omet ou déforme des faits qui changent tout.
rating-false = Faux
rating-false-definition = L’affirmation est inexacte.
rating-unproven = Non prouvé
rating-unproven-definition = Les preuves ne suffisent pas à confirmer ou à réfuter l’affirmation.
rating-misattributed = Mal attribué
rating-misattributed-definition = La citation ou le contenu est attribué à quelqu’un qui ne l’a ni dit ni fait.
rating-miscaptioned = Légende trompeuse
rating-miscaptioned-definition = De vraies images sont présentées avec une fausse description de ce qu’elles montrent.
rating-outdated = Dépassé
rating-outdated-definition = L’affirmation était exacte, mais la situation a changé depuis.
rating-satire = Satire
rating-satire-definition = Le contenu vient d’une satire ou d’une parodie et n’était pas à prendre au sérieux.
rating-not-rated = Hors de notre échelle
rating-not-rated-definition = Vérifié par un autre éditeur dont le verdict ne correspond à aucun des nôtres ; le sien est affiché.

## Listing pages.
latest = Dernières vérifications
suggest-lead = Vous avez vu une affirmation à vérifier ?
none-yet = Aucune vérification n’a encore été publiée.
newer = ← Plus récentes
older = Plus anciennes →
page-n = Page { $n }
pages = Pages
our-ratings = Nos verdicts
scale-intro = Chaque vérification se conclut par un verdict de cette échelle. Les verdicts numérotés vont de Vrai (5) à Faux (1) ; les autres décrivent des problèmes qu’un chiffre ne dit pas.
count-fact-checks = { $count ->
    [one] 1 vérification
   *[other] { $count } vérifications
}
rated-title = Jugé { $rating }
rated-heading = Vérifications jugées
all-ratings = Tous les verdicts
no-rated = Aucune vérification publiée ne porte encore ce verdict.
topics = Thèmes
no-topics = Pas encore de thèmes.
with-tag = Dernières vérifications avec #{ $tag }

## Page titles and descriptions (for search engines and shared links).
home-description = Les dernières vérifications de { $site } : des affirmations confrontées aux preuves publiées, chaque source citée.
tag-title = Vérifications avec le mot-clé #{ $tag }
tag-description = Vérifications sur #{ $tag }, de la plus récente à la plus ancienne.
tag-feed = #{ $tag } : dernières vérifications
ratings-description = L’échelle de verdicts de { $site } : ce que signifie chaque verdict et combien de vérifications le portent.
rating-title = Vérifications jugées { $rating }
topics-description = Tous les thèmes de nos vérifications, et combien de vérifications portent chacun.
corrections-description = Chaque correction et mise à jour d’une vérification publiée, de la plus récente à la plus ancienne, et la politique qui les encadre.
retracted-description = Retirée.
author-description = Vérifications de { $name } pour { $site }.

## Claimants.
claimants-title = Qui a fait ces affirmations
claimants-description = Les auteurs des affirmations que nous avons vérifiées, et combien de leurs affirmations nous avons jugées.
name-begins = Le nom commence par
find = Chercher
no-claimant-begins = Aucun auteur d’affirmation vérifiée n’a de nom commençant par « { $typed } ».
no-more-claimants = Pas d’autres auteurs.
no-claims = Aucune affirmation vérifiée pour l’instant.
claims-checked = { $count ->
    [one] 1 affirmation vérifiée
   *[other] { $count } affirmations vérifiées
}
from-start = ← Depuis le début
next = Suivant →
claims-by = Affirmations de { $name }
claimant-description = Affirmations vérifiées de { $name } : { $tally }.
scorecard = Bilan
checked-claims = Affirmations vérifiées

## Authors.
author = Auteur
fact-checks-by = Vérifications de { $name }
newest = ← Plus récentes

## Search.
search-title = Recherche : { $typed }
search-heading = Chercher des vérifications
search-description = Cherchez parmi les vérifications publiées par mots, verdict et thème.
matching = Vérifications contenant « { $typed } »
words-to-find = Mots à chercher
search-hint = Cherche dans les titres, affirmations, auteurs, résumés, explications, sources et thèmes. Terminez un mot par * pour trouver les mots qui commencent ainsi.
rating-field = Verdict
any-rating = Tous les verdicts
topic = Thème
optional = (facultatif)
no-more-results = Pas d’autres résultats.
no-match = Aucune vérification publiée ne contient tous ces mots. Essayez moins de mots ou d’autres, ou retirez un filtre.
results = Résultats
result-pages = Pages de résultats
previous-results = ← Résultats précédents
more-results = Plus de résultats →
search-order = D’abord les correspondances dans le titre ou l’affirmation, puis les plus récentes, parmi les { $ranked } correspondances ajoutées le plus récemment (sur les { $scanned } vérifications les plus récentes qui contiennent ces mots).
digit-group =  

## Corrections.
no-corrections = Aucune correction ni mise à jour pour l’instant.

## Tips and error reports.
report-error-title = Signaler une erreur : { $headline }
report-in = Dans la vérification
report-intro = Dites-nous ce qui est faux et, si vous le pouvez, où se trouve la bonne information. Un rédacteur lit chaque signalement ; les corrections sont publiées sur
report-description = Signalez à la rédaction ce qui est faux dans cette vérification.
tip-intro = Vous avez vu quelque chose qui mérite d’être vérifié ? Dites-nous ce qui a été dit et où. Un rédacteur lit chaque suggestion ; nous ne pouvons pas répondre à toutes, et nous ne vérifions que des affirmations factuelles.
tip-description = Envoyez à la rédaction une affirmation que vous avez vue et voulez faire vérifier.
fix-fields = { $count ->
    [one] Corrigez le champ signalé ci-dessous ; tout ce que vous avez saisi est conservé.
   *[other] Corrigez les { $count } champs signalés ci-dessous ; tout ce que vous avez saisi est conservé.
}
what-wrong = Ce qui est faux
what-wrong-hint = La phrase ou le chiffre erroné, et ce qu’il devrait dire.
the-claim = L’affirmation
the-claim-hint = Ce qui a été dit, au plus près des mots employés.
link = Lien
link-report-hint = Une page avec la bonne information.
link-tip-hint = La publication, la vidéo ou l’article où vous l’avez vue.
seen-where = Où vous l’avez vue
seen-where-hint = S’il n’y a pas de lien : une émission, un tract, un discours, avec la date si vous la connaissez.
your-email = Votre e-mail
email-hint = Seulement si nous pouvons vous poser une question. Seuls les rédacteurs le voient, et il est effacé après { $days } jours.
leave-empty = Laissez ce champ vide
send-report = Envoyer le signalement
send-claim = Envoyer l’affirmation
thank-you = Merci
thanks-description = Votre message est arrivé à la rédaction.
thanks-text = Votre message est arrivé à la rédaction. Un rédacteur les lit tous ; nous ne pouvons pas répondre à chacun, mais si vous avez laissé un e-mail, nous vous écrirons peut-être pour vous poser une question.
send-another = Envoyer une autre affirmation

## Sources by story.
sources-summary = { $count ->
    [one] 1 source
   *[other] { $count } sources
}, { $independent ->
    [one] 1 indépendante
   *[other] { $independent } indépendantes
}
same-text = { $n ->
    [one] { $who } a publié
   *[other] { $who } ont publié
} le même texte que { $original }
list-and = { $first } et { $last }

## Graphiques de verdict, cartes de partage et intégrations.
rating-graphic-scale = Verdict : { $label }, { $value } sur { $top } sur notre échelle
rating-graphic-off = Verdict : { $label }, hors de notre échelle chiffrée
card-claim = Affirmation
card-alt = Verdict : { $rating } — { $claim }
card-tagline = Des affirmations confrontées aux preuves publiées, chaque source à l’appui.
embed-read = Lire la vérification
feed-latest = dernières vérifications
feed-claimant = { $site } : affirmations de { $name }
feed-retracted = Retirée :
feed-retracted-on = Retirée le { $date } :
search-short-prefix = Tapez au moins 3 lettres avant * (« vac* », pas « v* ») : un début plus court correspond à presque toutes les vérifications.
search-many-prefixes = N’utilisez * que sur un seul mot de la recherche ; tapez les autres en entier.
search-too-broad = Cette recherche correspond à trop de vérifications pour les classer rapidement. Ajoutez un mot, tapez davantage de lettres avant * ou choisissez un verdict ou un thème.
copy-heading = Copie par { $site } d’une page citée
copy-intro = Voici le texte d’une page citée par l’une de nos vérifications, tel que nous l’avons capturé, conservé pour que la preuve reste lisible si la page change ou disparaît. Ce n’est pas la page elle-même : seuls ses mots sont montrés, sans ses images, liens ni mise en page.
copy-original = Adresse d’origine
copy-redirected = Redirigée vers
copy-captured = Capturée
copy-answered = le site a répondu
copy-page-digest = SHA-256 de la page telle que servie
copy-bytes = { $count ->
    [one] { $count } octet
   *[other] { $count } octets
}
copy-text-digest = SHA-256 du texte ci-dessous
copy-no-text = Aucun texte n’a pu être lu sur cette page
copy-digest-identifies = Son empreinte ci-dessus identifie le fichier tel qu’il a été servi.
