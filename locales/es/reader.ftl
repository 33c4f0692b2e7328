# Reader pages' fixed text (es). Keys are the same in every language; a key
# missing here falls back to English.

nav-latest = Lo último
nav-ratings = Calificaciones
nav-topics = Temas
nav-claimants = Autores
nav-search = Buscar
nav-label = Sitio
skip = Ir al contenido
footer-about = { $site } contrasta afirmaciones con pruebas publicadas y muestra cada fuente que cita.
footer-corrections = Correcciones y actualizaciones
footer-tip = Propón una afirmación para verificar
fact-check = Verificación:
by = Por
published = Publicado el
updated = Actualizado el
also-in = También en:
claim = Afirmación:
claimed-by = Lo afirmó
claimed-on = el
rating = Calificación:
how-we-rate = Cómo calificamos
rated = Calificado como
rated-by = por
not-ours = que no es una de nuestras calificaciones
original-publisher = el medio original
where-appeared = Dónde apareció la afirmación
archived = archivado
corrections = Correcciones y actualizaciones
correction = Corrección
update = Actualización
rating-changed = La calificación cambió de { $from } a { $to }
on = el
all-corrections = Todas las correcciones y nuestra política
retracted = Esta verificación fue retirada
retracted-claim = La afirmación que examinaba era:
see-our = Consulta nuestra
corrections-policy = política de correcciones
key-points = Puntos clave
sources = Fuentes
related = Verificaciones relacionadas
share = Comparte esta verificación
share-link = Enlace a esta página
copy-link = Copiar enlace
tags = Etiquetas
report-error = Informa de un error
report-error-rest = en esta verificación.
our-copy = nuestra copia
link-dead = el enlace ya no funciona
date-long = { $day } de { $month } de { $year }
month-1 = enero
month-2 = febrero
month-3 = marzo
month-4 = abril
month-5 = mayo
month-6 = junio
month-7 = julio
month-8 = agosto
month-9 = septiembre
month-10 = octubre
month-11 = noviembre
month-12 = diciembre

## The rating scale's labels and definitions, by slug.
rating-true = Verdadero
rating-true-definition = La afirmación es exacta y no le falta nada importante.
rating-mostly-true = Mayormente verdadero
rating-mostly-true-definition = La afirmación es exacta pero necesita aclaraciones o contexto.
rating-mixture = Mezcla
rating-mixture-definition = La afirmación combina partes exactas e inexactas casi a partes iguales.
rating-mostly-false = Mayormente falso
rating-mostly-false-definition = La afirmación tiene algo de verdad pero omite o distorsiona hechos que cambian el panorama.
rating-false = Falso
rating-false-definition = La afirmación es inexacta.
rating-unproven = Sin pruebas
rating-unproven-definition = No hay pruebas suficientes para confirmar o refutar la afirmación.
rating-misattributed = Mal atribuido
rating-misattributed-definition = La cita o el contenido se atribuye a alguien que no lo dijo ni lo hizo.
rating-miscaptioned = Mal descrito
rating-miscaptioned-definition = Fotos o vídeos reales se presentan con una descripción falsa de lo que muestran.
rating-outdated = Desactualizado
rating-outdated-definition = La afirmación fue exacta, pero las circunstancias han cambiado.
rating-satire = Sátira
rating-satire-definition = El contenido procede de una sátira o parodia y no pretendía tomarse como un hecho.
rating-not-rated = Sin calificación en nuestra escala
rating-not-rated-definition = Lo verificó otro medio cuya calificación no coincide con ninguna de las nuestras; se muestra la suya.

## Listing pages.
latest = Últimas verificaciones
suggest-lead = ¿Has visto una afirmación que haya que verificar?
none-yet = Aún no se ha publicado ninguna verificación.
newer = ← Más recientes
older = Anteriores →
page-n = Página { $n }
pages = Páginas
our-ratings = Nuestras calificaciones
scale-intro = Cada verificación termina con una calificación de esta escala. Las numeradas van de Verdadero (5) a Falso (1); las demás describen problemas que un número no recoge.
count-fact-checks = { $count ->
    [one] 1 verificación
   *[other] { $count } verificaciones
}
rated-title = Calificadas como { $rating }
rated-heading = Verificaciones calificadas como
all-ratings = Todas las calificaciones
no-rated = Ninguna verificación publicada tiene aún esta calificación.
topics = Temas
no-topics = Aún no hay temas.
with-tag = Últimas verificaciones con #{ $tag }

## Page titles and descriptions (for search engines and shared links).
home-description = Las últimas verificaciones de { $site }: afirmaciones contrastadas con pruebas publicadas, con cada fuente citada.
tag-title = Verificaciones con la etiqueta #{ $tag }
tag-description = Verificaciones sobre #{ $tag }, de la más reciente a la más antigua.
tag-feed = #{ $tag }: últimas verificaciones
ratings-description = La escala de calificaciones de { $site }: qué significa cada calificación y cuántas verificaciones la llevan.
rating-title = Verificaciones calificadas como { $rating }
topics-description = Todos los temas con que se etiquetan nuestras verificaciones, y cuántas verificaciones llevan cada uno.
corrections-description = Cada corrección y actualización hecha a una verificación publicada, de la más reciente a la más antigua, y la política que las rige.
retracted-description = Retirada.
author-description = Verificaciones de { $name } para { $site }.

## Claimants.
claimants-title = Quién hizo las afirmaciones
claimants-description = Quién hizo las afirmaciones que verificamos, y cuántas de las de cada uno calificamos.
name-begins = El nombre empieza por
find = Buscar
no-claimant-begins = Ningún autor de afirmaciones verificadas tiene un nombre que empiece por «{ $typed }».
no-more-claimants = No hay más autores.
no-claims = Aún no se ha verificado ninguna afirmación.
claims-checked = { $count ->
    [one] 1 afirmación verificada
   *[other] { $count } afirmaciones verificadas
}
from-start = ← Desde el principio
next = Siguiente →
claims-by = Afirmaciones de { $name }
claimant-description = Afirmaciones verificadas de { $name }: { $tally }.
scorecard = Balance
checked-claims = Afirmaciones verificadas

## Authors.
author = Autor
fact-checks-by = Verificaciones de { $name }
newest = ← Más recientes

## Search.
search-title = Búsqueda: { $typed }
search-heading = Buscar verificaciones
search-description = Busca verificaciones publicadas por palabras, calificación y tema.
matching = Verificaciones que contienen «{ $typed }»
words-to-find = Palabras que buscar
search-hint = Busca en titulares, afirmaciones, autores, resúmenes, explicaciones, fuentes y temas. Termina una palabra con * para encontrar las que empiezan por ella.
rating-field = Calificación
any-rating = Cualquier calificación
topic = Tema
optional = (opcional)
no-more-results = No hay más resultados.
no-match = Ninguna verificación publicada contiene todas las palabras. Prueba con menos palabras o con otras, o quita un filtro.
results = Resultados
result-pages = Páginas de resultados
previous-results = ← Resultados anteriores
more-results = Más resultados →
search-order = Primero las que coinciden en el titular o la afirmación, después las más recientes, entre las { $ranked } coincidencias añadidas más recientemente (de las { $scanned } verificaciones más recientes que contienen estas palabras).
digit-group = .

## Corrections.
no-corrections = Aún no hay correcciones ni actualizaciones.

## Tips and error reports.
report-error-title = Informar de un error: { $headline }
report-in = En la verificación
report-intro = Dinos qué está mal y, si puedes, dónde está la información correcta. Un editor lee cada aviso; las correcciones se publican en
report-description = Cuéntale a la redacción qué está mal en esta verificación.
tip-intro = ¿Has visto algo que habría que verificar? Cuéntanos qué se dijo y dónde. Un editor lee cada propuesta; no podemos responder a todas, y solo verificamos afirmaciones sobre hechos.
tip-description = Envía a la redacción una afirmación que hayas visto y quieras que verifiquemos.
fix-fields = { $count ->
    [one] Corrige el campo señalado abajo; se conserva todo lo que escribiste.
   *[other] Corrige los { $count } campos señalados abajo; se conserva todo lo que escribiste.
}
what-wrong = Qué está mal
what-wrong-hint = La frase o la cifra que está mal, y lo que debería decir.
the-claim = La afirmación
the-claim-hint = Qué se dijo, lo más fiel posible a las palabras usadas.
link = Enlace
link-report-hint = Una página con la información correcta.
link-tip-hint = La publicación, el vídeo o el artículo donde lo viste.
seen-where = Dónde lo viste
seen-where-hint = Si no hay enlace: una emisión, un folleto, un discurso, con la fecha si la sabes.
your-email = Tu correo electrónico
email-hint = Solo si podemos hacerte una pregunta. Solo lo ven los editores, y se borra a los { $days } días.
leave-empty = Deja este campo vacío
send-report = Enviar el aviso
send-claim = Enviar la afirmación
thank-you = Gracias
thanks-description = Tu mensaje ha llegado a la redacción.
thanks-text = Tu mensaje ha llegado a la redacción. Un editor lee cada uno; no podemos responder a todos, pero si dejaste un correo quizá te escribamos para preguntarte algo.
send-another = Enviar otra afirmación

## Sources by story.
sources-summary = { $count ->
    [one] 1 fuente
   *[other] { $count } fuentes
}, { $independent ->
    [one] 1 independiente
   *[other] { $independent } independientes
}
same-text = { $n ->
    [one] { $who } publicó
   *[other] { $who } publicaron
} el mismo texto que { $original }
list-and = { $first } y { $last }

## Gráficos de calificación, tarjetas para redes e insertos.
rating-graphic-scale = Calificación: { $label }, { $value } de { $top } en nuestra escala
rating-graphic-off = Calificación: { $label }, fuera de nuestra escala numerada
card-claim = Afirmación
card-alt = Calificación: { $rating } — { $claim }
card-tagline = Afirmaciones contrastadas con pruebas publicadas, con cada fuente a la vista.
embed-read = Leer la verificación
feed-latest = últimas verificaciones
feed-claimant = { $site }: afirmaciones de { $name }
feed-retracted = Retirada:
feed-retracted-on = Retirada el { $date }:
search-short-prefix = Escribe al menos 3 letras antes de * («vac*», no «v*»): un comienzo más corto coincide con casi todas las verificaciones.
search-many-prefixes = Usa * en una sola palabra de la búsqueda; escribe las demás completas.
search-too-broad = Esta búsqueda coincide con demasiadas verificaciones para ordenarlas con rapidez. Añade otra palabra, escribe más letras antes de * o elige una calificación o un tema.
copy-heading = Copia de { $site } de una página citada
copy-intro = Este es el texto de una página que cita una de nuestras verificaciones, tal como lo capturamos, guardado para que la prueba pueda leerse aunque la página cambie o desaparezca. No es la página en sí: solo se muestran sus palabras, sin imágenes, enlaces ni diseño.
copy-original = Dirección original
copy-redirected = Redirigida a
copy-captured = Capturada
copy-answered = el sitio respondió
copy-page-digest = SHA-256 de la página tal como se sirvió
copy-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
copy-text-digest = SHA-256 del texto de abajo
copy-no-text = No se pudo leer texto de esta página
copy-digest-identifies = Su huella de arriba identifica el archivo tal como se sirvió.
