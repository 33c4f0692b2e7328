# Reader pages' fixed text (de). Keys are the same in every language; a key
# missing here falls back to English.

nav-latest = Neueste
nav-ratings = Bewertungen
nav-topics = Themen
nav-claimants = Urheber
nav-search = Suche
nav-label = Website
skip = Zum Inhalt
footer-about = { $site } prüft Behauptungen anhand veröffentlichter Belege und zeigt jede zitierte Quelle.
footer-corrections = Korrekturen und Aktualisierungen
footer-tip = Eine Behauptung zur Prüfung vorschlagen
fact-check = Faktencheck:
by = Von
published = Veröffentlicht am
updated = Aktualisiert am
also-in = Auch auf:
claim = Behauptung:
claimed-by = Behauptet von
claimed-on = am
rating = Bewertung:
how-we-rate = Wie wir bewerten
rated = Bewertet als
rated-by = von
not-ours = keine unserer Bewertungen
original-publisher = dem ursprünglichen Herausgeber
where-appeared = Wo die Behauptung erschien
archived = archiviert
corrections = Korrekturen und Aktualisierungen
correction = Korrektur
update = Aktualisierung
rating-changed = Bewertung geändert von { $from } zu { $to }
on = am
all-corrections = Alle Korrekturen und unsere Richtlinie
retracted = Dieser Faktencheck wurde zurückgezogen
retracted-claim = Geprüft wurde die Behauptung:
see-our = Siehe unsere
corrections-policy = Korrekturrichtlinie
key-points = Das Wichtigste
sources = Quellen
related = Verwandte Faktenchecks
share = Diesen Faktencheck teilen
share-link = Link zu dieser Seite
copy-link = Link kopieren
tags = Schlagwörter
report-error = Einen Fehler melden
report-error-rest = in diesem Faktencheck.
our-copy = unsere Kopie
link-dead = Link funktioniert nicht mehr
date-long = { $day }. { $month } { $year }
month-1 = Januar
month-2 = Februar
month-3 = März
month-4 = April
month-5 = Mai
month-6 = Juni
month-7 = Juli
month-8 = August
month-9 = September
month-10 = Oktober
month-11 = November
month-12 = Dezember

## The rating scale's labels and definitions, by slug.
rating-true = Richtig
rating-true-definition = Die Behauptung stimmt, und es fehlt nichts Wesentliches.
rating-mostly-true = Überwiegend richtig
rating-mostly-true-definition = Die Behauptung stimmt, braucht aber Erklärung oder Kontext.
rating-mixture = Teils richtig, teils falsch
rating-mixture-definition = Die Behauptung mischt zutreffende und unzutreffende Teile etwa zu gleichen Teilen.
rating-mostly-false = Überwiegend falsch
rating-mostly-false-definition = Die Behauptung enthält einen wahren Kern, lässt aber entscheidende Fakten weg oder verzerrt sie.
rating-false = Falsch
rating-false-definition = Die Behauptung ist unzutreffend.
rating-unproven = Unbelegt
rating-unproven-definition = Es gibt nicht genug Belege, um die Behauptung zu bestätigen oder zu widerlegen.
rating-misattributed = Falsch zugeschrieben
rating-misattributed-definition = Das Zitat oder der Inhalt wird jemandem zugeschrieben, der es nicht gesagt oder gemacht hat.
rating-miscaptioned = Falscher Kontext
rating-miscaptioned-definition = Echte Bilder oder Videos werden mit einer falschen Beschreibung gezeigt.
rating-outdated = Veraltet
rating-outdated-definition = Die Behauptung stimmte einmal, doch die Umstände haben sich geändert.
rating-satire = Satire
rating-satire-definition = Der Inhalt stammt aus Satire oder Parodie und war nicht als Tatsache gemeint.
rating-not-rated = Nicht auf unserer Skala
rating-not-rated-definition = Von einem anderen Herausgeber geprüft, dessen Bewertung keiner unserer entspricht; seine eigene wird gezeigt.

## Listing pages.
latest = Neueste Faktenchecks
suggest-lead = Eine Behauptung gesehen, die geprüft werden sollte?
none-yet = Noch keine Faktenchecks veröffentlicht.
newer = ← Neuere
older = Ältere →
page-n = Seite { $n }
pages = Seiten
our-ratings = Unsere Bewertungen
scale-intro = Jeder Faktencheck endet mit einer Bewertung dieser Skala. Die nummerierten reichen von Richtig (5) bis Falsch (1); die anderen beschreiben Probleme, die keine Zahl fasst.
count-fact-checks = { $count ->
    [one] 1 Faktencheck
   *[other] { $count } Faktenchecks
}
rated-title = Bewertet als { $rating }
rated-heading = Faktenchecks mit der Bewertung
all-ratings = Alle Bewertungen
no-rated = Noch kein veröffentlichter Faktencheck trägt diese Bewertung.
topics = Themen
no-topics = Noch keine Themen.
with-tag = Neueste Faktenchecks mit #{ $tag }

## Page titles and descriptions (for search engines and shared links).
home-description = Die neuesten Faktenchecks von { $site }: Behauptungen, geprüft an veröffentlichten Belegen, jede Quelle genannt.
tag-title = Faktenchecks mit dem Schlagwort #{ $tag }
tag-description = Faktenchecks zu #{ $tag }, die neuesten zuerst.
tag-feed = #{ $tag }: neueste Faktenchecks
ratings-description = Die Bewertungsskala von { $site }: was jede Bewertung bedeutet und wie viele Faktenchecks sie tragen.
rating-title = Faktenchecks mit der Bewertung { $rating }
topics-description = Alle Themen, mit denen unsere Faktenchecks verschlagwortet sind, und wie viele Faktenchecks jedes tragen.
corrections-description = Jede Korrektur und Aktualisierung eines veröffentlichten Faktenchecks, die neuesten zuerst, und die Richtlinie dahinter.
retracted-description = Zurückgezogen.
author-description = Faktenchecks von { $name } für { $site }.

## Claimants.
claimants-title = Wer die Behauptungen aufstellte
claimants-description = Wer die Behauptungen aufstellte, die wir geprüft haben, und wie viele Behauptungen jeder Person wir bewertet haben.
name-begins = Name beginnt mit
find = Suchen
no-claimant-begins = Keine Person, deren Behauptungen wir geprüft haben, hat einen Namen, der mit „{ $typed }“ beginnt.
no-more-claimants = Keine weiteren Personen.
no-claims = Noch keine Behauptungen geprüft.
claims-checked = { $count ->
    [one] 1 Behauptung geprüft
   *[other] { $count } Behauptungen geprüft
}
from-start = ← Von vorn
next = Weiter →
claims-by = Behauptungen von { $name }
claimant-description = Geprüfte Behauptungen von { $name }: { $tally }.
scorecard = Bilanz
checked-claims = Geprüfte Behauptungen

## Authors.
author = Autor
fact-checks-by = Faktenchecks von { $name }
newest = ← Neueste

## Search.
search-title = Suche: { $typed }
search-heading = Faktenchecks durchsuchen
search-description = Veröffentlichte Faktenchecks nach Wörtern, Bewertung und Thema durchsuchen.
matching = Faktenchecks mit „{ $typed }“
words-to-find = Gesuchte Wörter
search-hint = Durchsucht Überschriften, Behauptungen, Personen, Zusammenfassungen, Erklärungen, Quellen und Themen. Ein Wort mit * am Ende findet Wörter, die so beginnen.
rating-field = Bewertung
any-rating = Jede Bewertung
topic = Thema
optional = (optional)
no-more-results = Keine weiteren Ergebnisse.
no-match = Kein veröffentlichter Faktencheck enthält alle Wörter. Versuchen Sie weniger oder andere Wörter, oder entfernen Sie einen Filter.
results = Ergebnisse
result-pages = Ergebnisseiten
previous-results = ← Vorherige Ergebnisse
more-results = Weitere Ergebnisse →
search-order = Treffer in Überschrift oder Behauptung zuerst, dann die neuesten, unter den { $ranked } zuletzt hinzugefügten Treffern (von den { $scanned } zuletzt hinzugefügten Faktenchecks, die diese Wörter enthalten).
digit-group = .

## Corrections.
no-corrections = Bisher keine Korrekturen oder Aktualisierungen.

## Tips and error reports.
report-error-title = Einen Fehler melden: { $headline }
report-in = Im Faktencheck
report-intro = Sagen Sie uns, was falsch ist und, wenn möglich, wo die richtige Information steht. Eine Redakteurin oder ein Redakteur liest jede Meldung; Korrekturen stehen unter
report-description = Melden Sie der Redaktion, was in diesem Faktencheck falsch ist.
tip-intro = Etwas gesehen, das geprüft werden sollte? Sagen Sie uns, was gesagt wurde und wo. Die Redaktion liest jeden Vorschlag; wir können nicht jeden beantworten, und wir prüfen nur Tatsachenbehauptungen.
tip-description = Schicken Sie der Redaktion eine Behauptung, die Sie gesehen haben und geprüft sehen möchten.
fix-fields = { $count ->
    [one] Bitte korrigieren Sie das unten markierte Feld; alles, was Sie eingegeben haben, bleibt erhalten.
   *[other] Bitte korrigieren Sie die { $count } unten markierten Felder; alles, was Sie eingegeben haben, bleibt erhalten.
}
what-wrong = Was falsch ist
what-wrong-hint = Der Satz oder die Zahl, die falsch ist, und was dort stehen sollte.
the-claim = Die Behauptung
the-claim-hint = Was gesagt wurde, so nah an den Worten wie möglich.
link = Link
link-report-hint = Eine Seite mit der richtigen Information.
link-tip-hint = Der Beitrag, das Video oder der Artikel, wo Sie es gesehen haben.
seen-where = Wo Sie es gesehen haben
seen-where-hint = Ohne Link: eine Sendung, ein Flugblatt, eine Rede, mit Datum, falls bekannt.
your-email = Ihre E-Mail-Adresse
email-hint = Nur wenn wir Ihnen eine Frage stellen dürfen. Nur die Redaktion sieht sie, und sie wird nach { $days } Tagen gelöscht.
leave-empty = Dieses Feld leer lassen
send-report = Meldung senden
send-claim = Behauptung senden
thank-you = Danke
thanks-description = Ihre Nachricht ist bei der Redaktion angekommen.
thanks-text = Ihre Nachricht ist bei der Redaktion angekommen. Wir lesen jede; wir können nicht jede beantworten, aber wenn Sie eine E-Mail-Adresse angegeben haben, schreiben wir Ihnen vielleicht mit einer Frage.
send-another = Eine weitere Behauptung senden

## Sources by story.
sources-summary = { $count ->
    [one] 1 Quelle
   *[other] { $count } Quellen
}, { $independent } unabhängig
same-text = { $who } { $n ->
    [one] brachte
   *[other] brachten
} denselben Text wie { $original }
list-and = { $first } und { $last }

## Bewertungsgrafiken, Vorschaukarten und Einbettungen.
rating-graphic-scale = Bewertung: { $label }, { $value } von { $top } auf unserer Skala
rating-graphic-off = Bewertung: { $label }, außerhalb unserer nummerierten Skala
card-claim = Behauptung
card-alt = Bewertung: { $rating } — { $claim }
card-tagline = Behauptungen, an veröffentlichten Belegen geprüft, jede Quelle offengelegt.
embed-read = Zum Faktencheck
feed-latest = neueste Faktenchecks
feed-claimant = { $site }: Behauptungen von { $name }
feed-retracted = Zurückgezogen:
feed-retracted-on = Zurückgezogen am { $date }:
search-short-prefix = Geben Sie vor * mindestens 3 Buchstaben ein („vac*“, nicht „v*“): Ein kürzerer Anfang passt auf fast jeden Faktencheck.
search-many-prefixes = Verwenden Sie * nur bei einem Wort der Suche; schreiben Sie die anderen Wörter aus.
search-too-broad = Diese Suche passt auf zu viele Faktenchecks, um sie schnell zu ordnen. Fügen Sie ein Wort hinzu, geben Sie vor * mehr Buchstaben ein oder wählen Sie eine Bewertung oder ein Thema.
copy-heading = Kopie einer zitierten Seite bei { $site }
copy-intro = Dies ist der Text einer Seite, die einer unserer Faktenchecks zitiert, so wie wir ihn erfasst haben, aufbewahrt, damit der Beleg lesbar bleibt, wenn sich die Seite ändert oder verschwindet. Es ist nicht die Seite selbst: Nur ihre Worte werden gezeigt, ohne Bilder, Links oder Layout.
copy-original = Ursprüngliche Adresse
copy-redirected = Weitergeleitet zu
copy-captured = Erfasst
copy-answered = die Website antwortete
copy-page-digest = SHA-256 der Seite, wie sie ausgeliefert wurde
copy-bytes = { $count ->
    [one] 1 Byte
   *[other] { $count } Bytes
}
copy-text-digest = SHA-256 des Textes unten
copy-no-text = Von dieser Seite ließ sich kein Text lesen
copy-digest-identifies = Ihr Hashwert oben bezeichnet die Datei, wie sie ausgeliefert wurde.
