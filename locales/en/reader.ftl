# Reader pages' fixed text (en). Keys are the same in every language; a key
# missing here falls back to English.

nav-latest = Latest
nav-ratings = Ratings
nav-topics = Topics
nav-claimants = Claimants
nav-search = Search
nav-label = Site
skip = Skip to content
footer-about = { $site } checks claims against published evidence and shows every source it cites.
footer-corrections = Corrections and updates
footer-tip = Suggest a claim to check
fact-check = Fact Check:
by = By
published = Published
updated = Updated
also-in = Also in:
claim = Claim:
claimed-by = Claimed by
claimed-on = on
rating = Rating:
how-we-rate = How we rate
rated = Rated
rated-by = by
not-ours = which is not one of our ratings
original-publisher = the original publisher
where-appeared = Where the claim appeared
archived = archived
corrections = Corrections and updates
correction = Correction
update = Update
rating-changed = Rating changed from { $from } to { $to }
on = on
all-corrections = All corrections and our policy
retracted = This fact-check was retracted
retracted-claim = The claim it examined was:
see-our = See our
corrections-policy = corrections policy
key-points = Key points
sources = Sources
related = Related fact-checks
share = Share this fact-check
share-link = Link to this page
copy-link = Copy link
tags = Tags
report-error = Report an error
report-error-rest = in this fact-check.
our-copy = our copy
link-dead = link no longer works
date-long = { $day } { $month } { $year }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## The rating scale's labels and definitions, by slug.
rating-true = True
rating-true-definition = The claim is accurate and nothing significant is missing.
rating-mostly-true = Mostly True
rating-mostly-true-definition = The claim is accurate but needs clarification or added context.
rating-mixture = Mixture
rating-mixture-definition = The claim mixes accurate and inaccurate parts in about equal measure.
rating-mostly-false = Mostly False
rating-mostly-false-definition = The claim holds a grain of truth but leaves out or distorts facts that change the picture.
rating-false = False
rating-false-definition = The claim is inaccurate.
rating-unproven = Unproven
rating-unproven-definition = There is not enough evidence to confirm or refute the claim.
rating-misattributed = Misattributed
rating-misattributed-definition = The quote or content is credited to someone who did not say or make it.
rating-miscaptioned = Miscaptioned
rating-miscaptioned-definition = Real photos or video are presented with a false description of what they show.
rating-outdated = Outdated
rating-outdated-definition = The claim was accurate once but circumstances have since changed.
rating-satire = Satire
rating-satire-definition = The content comes from satire or parody and was not meant to be read as fact.
rating-not-rated = Not rated on our scale
rating-not-rated-definition = Checked by another publisher whose rating does not match one of ours; their own rating is shown with it.

## Listing pages.
latest = Latest fact-checks
suggest-lead = Seen a claim that needs checking?
none-yet = No fact-checks have been published yet.
newer = ← Newer
older = Older →
page-n = Page { $n }
pages = Pages
our-ratings = Our ratings
scale-intro = Every fact-check ends with one rating from this scale. The numbered ones run from True (5) to False (1); the others describe problems a number cannot.
count-fact-checks = { $count ->
    [one] 1 fact-check
   *[other] { $count } fact-checks
}
rated-title = Rated { $rating }
rated-heading = Fact-checks rated
all-ratings = All ratings
no-rated = No published fact-check carries this rating yet.
topics = Topics
no-topics = No topics yet.
with-tag = Latest fact-checks with #{ $tag }

## Page titles and descriptions (for search engines and shared links).
home-description = The latest fact-checks from { $site }: claims checked against published evidence, every source cited.
tag-title = Fact-checks tagged #{ $tag }
tag-description = Fact-checks about #{ $tag }, newest first.
tag-feed = #{ $tag }: latest fact-checks
ratings-description = The { $site } rating scale: what each rating means and how many fact-checks carry it.
rating-title = Fact-checks rated { $rating }
topics-description = Every topic our fact-checks are tagged with, and how many carry each.
corrections-description = Every correction and update made to a published fact-check, newest first, and the policy behind them.
retracted-description = Retracted.
author-description = Fact-checks by { $name } for { $site }.

## Claimants.
claimants-title = Who made the claims
claimants-description = Who made the claims we checked, and how many of each one's claims we rated.
name-begins = Name begins with
find = Find
no-claimant-begins = No checked claimant’s name begins with “{ $typed }”.
no-more-claimants = No more claimants.
no-claims = No claims checked yet.
claims-checked = { $count ->
    [one] 1 claim checked
   *[other] { $count } claims checked
}
from-start = ← From the start
next = Next →
claims-by = Claims by { $name }
claimant-description = Checked claims by { $name }: { $tally }.
scorecard = Scorecard
checked-claims = Checked claims

## Authors.
author = Author
fact-checks-by = Fact-checks by { $name }
newest = ← Newest

## Search.
search-title = Search: { $typed }
search-heading = Search fact-checks
search-description = Search published fact-checks by words, rating and topic.
matching = Fact-checks matching “{ $typed }”
words-to-find = Words to find
search-hint = Searches headlines, claims, claimants, summaries, explanations, sources and topics. End a word with * to find words that begin with it.
rating-field = Rating
any-rating = Any rating
topic = Topic
optional = (optional)
no-more-results = No more results.
no-match = No published fact-check matches every word. Try fewer or other words, or remove a filter.
results = Results
result-pages = Result pages
previous-results = ← Previous results
more-results = More results →
search-order = Headline or claim matches first, then newest first, among the { $ranked } matches added most recently (of the { $scanned } fact-checks added most recently that contain these words).
digit-group = ,

## Corrections.
no-corrections = No corrections or updates so far.

## Tips and error reports.
report-error-title = Report an error: { $headline }
report-in = In the fact-check
report-intro = Tell us what is wrong and, if you can, where the right information is. An editor reads every report; corrections are listed on
report-description = Tell the desk what is wrong in this fact-check.
tip-intro = Saw something that needs checking? Tell us what was said and where. An editor reads every suggestion; we cannot answer each one, and we check only claims of fact.
tip-description = Send the desk a claim you saw and want checked.
fix-fields = { $count ->
    [one] Please correct the field marked below; everything you typed is kept.
   *[other] Please correct the { $count } fields marked below; everything you typed is kept.
}
what-wrong = What is wrong
what-wrong-hint = The sentence or figure that is wrong, and what it should say.
the-claim = The claim
the-claim-hint = What was said, as close to the words used as you can.
link = Link
link-report-hint = A page with the right information.
link-tip-hint = The post, video or article where you saw it.
seen-where = Where you saw it
seen-where-hint = If there is no link: a broadcast, a leaflet, a speech, with the date if you know it.
your-email = Your email
email-hint = Only if we may ask you a question. Only editors see it, and it is deleted after { $days } days.
leave-empty = Leave this field empty
send-report = Send the report
send-claim = Send the claim
thank-you = Thank you
thanks-description = Your message reached the desk.
thanks-text = Your message reached the desk. An editor reads every one; we cannot answer each, but if you left an email we may write to ask a question.
send-another = Send another claim

## Sources by story.
sources-summary = { $count ->
    [one] 1 source
   *[other] { $count } sources
}, { $independent } independent
same-text = { $who } ran the same text as { $original }
list-and = { $first } and { $last }

## Rating graphics, social cards and embeds.
rating-graphic-scale = Rating: { $label }, { $value } of { $top } on our scale
rating-graphic-off = Rating: { $label }, a label off our numbered scale
card-claim = Claim
card-alt = Rating: { $rating } — { $claim }
card-tagline = Claims checked against published evidence, with every source shown.
embed-read = Read the fact-check
feed-latest = latest fact-checks
feed-claimant = { $site }: claims by { $name }
feed-retracted = Retracted:
feed-retracted-on = Retracted on { $date }:
search-short-prefix = Type at least 3 letters before * (“vac*”, not “v*”): a shorter beginning matches almost every fact-check.
search-many-prefixes = Use * on one word of a search only; type the other words in full.
search-too-broad = This search matches too many fact-checks to rank quickly. Add another word, type more of each word before *, or choose a rating or topic.
copy-heading = { $site }’s copy of a cited page
copy-intro = This is the text of a page one of our fact-checks cites, as we captured it, kept so the evidence can still be read if the page changes or disappears. It is not the page itself: only its words are shown, without its pictures, links or layout.
copy-original = Original address
copy-redirected = Redirected to
copy-captured = Captured
copy-answered = the site answered
copy-page-digest = SHA-256 of the page as served
copy-bytes = { $count ->
    [one] 1 byte
   *[other] { $count } bytes
}
copy-text-digest = SHA-256 of the text below
copy-no-text = No text could be read from this page
copy-digest-identifies = Its digest above identifies the file as it was served.
