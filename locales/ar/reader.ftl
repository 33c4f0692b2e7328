# Reader pages' fixed text (ar). Keys are the same in every language; a key
# missing here falls back to English.

nav-latest = الأحدث
nav-ratings = التصنيفات
nav-topics = المواضيع
nav-claimants = أصحاب الادعاءات
nav-search = بحث
nav-label = الموقع
skip = انتقل إلى المحتوى
footer-about = يتحقق { $site } من الادعاءات بمقارنتها بالأدلة المنشورة ويعرض كل مصدر يستشهد به.
footer-corrections = التصحيحات والتحديثات
footer-tip = اقترح ادعاءً للتحقق منه
fact-check = تحقق:
by = بقلم
published = نُشر في
updated = حُدّث في
also-in = متوفر أيضًا بـ:
claim = الادعاء:
claimed-by = صاحب الادعاء
claimed-on = في
rating = التصنيف:
how-we-rate = كيف نصنّف
rated = صنّفه
rated-by = على أنه
not-ours = وهو ليس من تصنيفاتنا
original-publisher = الناشر الأصلي
where-appeared = أين ظهر الادعاء
archived = نسخة مؤرشفة
corrections = التصحيحات والتحديثات
correction = تصحيح
update = تحديث
rating-changed = تغيّر التصنيف من { $from } إلى { $to }
on = في
all-corrections = كل التصحيحات وسياستنا
retracted = سُحب هذا التحقق
retracted-claim = الادعاء الذي تناوله:
see-our = اطلع على
corrections-policy = سياسة التصحيح
key-points = أبرز النقاط
sources = المصادر
related = تحققات ذات صلة
share = شارك هذا التحقق
share-link = رابط هذه الصفحة
copy-link = انسخ الرابط
tags = الوسوم
report-error = أبلغ عن خطأ
report-error-rest = في هذا التحقق.
our-copy = نسختنا
link-dead = لم يعد الرابط يعمل
date-long = { $day } { $month } { $year }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## The rating scale's labels and definitions, by slug.
rating-true = صحيح
rating-true-definition = الادعاء دقيق ولا ينقصه شيء مهم.
rating-mostly-true = صحيح في معظمه
rating-mostly-true-definition = الادعاء دقيق لكنه يحتاج إلى توضيح أو سياق.
rating-mixture = خليط
rating-mixture-definition = يجمع الادعاء بين أجزاء دقيقة وأخرى غير دقيقة بقدر متقارب.
rating-mostly-false = خاطئ في معظمه
rating-mostly-false-definition = في الادعاء شيء من الحقيقة لكنه يغفل أو يحرّف وقائع تغيّر الصورة.
rating-false = خاطئ
rating-false-definition = الادعاء غير دقيق.
rating-unproven = غير مثبت
rating-unproven-definition = لا توجد أدلة كافية لتأكيد الادعاء أو نفيه.
rating-misattributed = منسوب خطأً
rating-misattributed-definition = يُنسب الاقتباس أو المحتوى إلى شخص لم يقله أو يصنعه.
rating-miscaptioned = وصف مضلل
rating-miscaptioned-definition = صور أو مقاطع حقيقية تُعرض بوصف خاطئ لما تُظهره.
rating-outdated = قديم
rating-outdated-definition = كان الادعاء دقيقًا في وقت ما لكن الظروف تغيّرت.
rating-satire = سخرية
rating-satire-definition = المحتوى من عمل ساخر أو محاكاة ولم يُقصد به أن يُقرأ كحقيقة.
rating-not-rated = غير مصنّف على مقياسنا
rating-not-rated-definition = تحقق منه ناشر آخر لا يطابق تصنيفه أيًا من تصنيفاتنا؛ ويظهر تصنيفه الخاص معه.

## Listing pages.
latest = أحدث التحققات
suggest-lead = هل رأيت ادعاءً يحتاج إلى تحقق؟
none-yet = لم يُنشر أي تحقق بعد.
newer = → الأحدث
older = الأقدم ←
page-n = الصفحة { $n }
pages = الصفحات
our-ratings = تصنيفاتنا
scale-intro = ينتهي كل تحقق بتصنيف واحد من هذا المقياس. تمتد التصنيفات المرقّمة من صحيح (5) إلى خاطئ (1)، وتصف الأخرى مشكلات لا يعبّر عنها رقم.
count-fact-checks = { $count ->
    [zero] لا تحققات
    [one] تحقق واحد
    [two] تحققان
    [few] { $count } تحققات
   *[other] { $count } تحققًا
}
rated-title = مصنّفة { $rating }
rated-heading = تحققات مصنّفة
all-ratings = كل التصنيفات
no-rated = لا يحمل أي تحقق منشور هذا التصنيف بعد.
topics = المواضيع
no-topics = لا مواضيع بعد.
with-tag = أحدث التحققات بوسم #{ $tag }

## Page titles and descriptions (for search engines and shared links).
home-description = أحدث التحققات من { $site }: ادعاءات فُحصت في ضوء أدلة منشورة، مع ذكر كل مصدر.
tag-title = تحققات موسومة بـ #{ $tag }
tag-description = تحققات عن #{ $tag }، الأحدث أولًا.
tag-feed = #{ $tag }: أحدث التحققات
ratings-description = مقياس التصنيفات في { $site }: معنى كل تصنيف وعدد التحققات التي تحمله.
rating-title = تحققات مصنّفة { $rating }
topics-description = كل المواضيع التي توسم بها تحققاتنا، وعدد التحققات في كل منها.
corrections-description = كل تصحيح وتحديث أُجري على تحقق منشور، الأحدث أولًا، والسياسة التي تحكمها.
retracted-description = سُحب.
author-description = تحققات { $name } لـ { $site }.

## Claimants.
claimants-title = من أطلق الادعاءات
claimants-description = من أطلق الادعاءات التي تحققنا منها، وكم صنّفنا من ادعاءات كل منهم.
name-begins = يبدأ الاسم بـ
find = ابحث
no-claimant-begins = لا يبدأ اسم أي صاحب ادعاء تحققنا منه بـ «{ $typed }».
no-more-claimants = لا مزيد من أصحاب الادعاءات.
no-claims = لم نتحقق من أي ادعاء بعد.
claims-checked = { $count ->
    [one] ادعاء واحد تحققنا منه
    [two] ادعاءان تحققنا منهما
    [few] { $count } ادعاءات تحققنا منها
   *[other] { $count } ادعاءً تحققنا منها
}
from-start = → من البداية
next = التالي ←
claims-by = ادعاءات { $name }
claimant-description = ادعاءات { $name } التي تحققنا منها: { $tally }.
scorecard = الحصيلة
checked-claims = ادعاءات تحققنا منها

## Authors.
author = الكاتب
fact-checks-by = تحققات { $name }
newest = → الأحدث

## Search.
search-title = بحث: { $typed }
search-heading = ابحث في التحققات
search-description = ابحث في التحققات المنشورة بالكلمات والتصنيف والموضوع.
matching = تحققات تطابق «{ $typed }»
words-to-find = كلمات البحث
search-hint = يبحث في العناوين والادعاءات وأصحابها والملخصات والشروح والمصادر والمواضيع. أنهِ كلمة بـ * لتجد الكلمات التي تبدأ بها.
rating-field = التصنيف
any-rating = أي تصنيف
topic = الموضوع
optional = (اختياري)
no-more-results = لا مزيد من النتائج.
no-match = لا يطابق أي تحقق منشور كل الكلمات. جرّب كلمات أقل أو أخرى، أو أزل أحد المرشّحات.
results = النتائج
result-pages = صفحات النتائج
previous-results = → النتائج السابقة
more-results = مزيد من النتائج ←
search-order = ما يطابق العنوان أو الادعاء أولًا، ثم الأحدث، من بين آخر { $ranked } نتيجة أضيفت (من آخر { $scanned } تحقق أضيف يحتوي هذه الكلمات).
digit-group = ,

## Corrections.
no-corrections = لا تصحيحات ولا تحديثات حتى الآن.

## Tips and error reports.
report-error-title = أبلغ عن خطأ: { $headline }
report-in = في التحقق
report-intro = أخبرنا بما هو خطأ، وإن أمكن أين توجد المعلومة الصحيحة. يقرأ محرر كل بلاغ، وتُنشر التصحيحات في
report-description = أخبر فريق التحرير بما هو خطأ في هذا التحقق.
tip-intro = رأيت شيئًا يحتاج إلى تحقق؟ أخبرنا بما قيل وأين. يقرأ محرر كل اقتراح؛ لا نستطيع الرد على كل واحد، ولا نتحقق إلا من الادعاءات المتعلقة بالوقائع.
tip-description = أرسل إلى فريق التحرير ادعاءً رأيته وتريد التحقق منه.
fix-fields = { $count ->
    [one] صحّح الحقل المشار إليه أدناه؛ كل ما كتبته محفوظ.
   *[other] صحّح الحقول المشار إليها أدناه ({ $count })؛ كل ما كتبته محفوظ.
}
what-wrong = ما الخطأ
what-wrong-hint = الجملة أو الرقم الخطأ، وما ينبغي أن يكون.
the-claim = الادعاء
the-claim-hint = ما قيل، بأقرب ما يمكن إلى الكلمات المستخدمة.
link = الرابط
link-report-hint = صفحة فيها المعلومة الصحيحة.
link-tip-hint = المنشور أو الفيديو أو المقال الذي رأيته فيه.
seen-where = أين رأيته
seen-where-hint = إن لم يكن هناك رابط: بث أو منشور ورقي أو خطاب، مع التاريخ إن كنت تعرفه.
your-email = بريدك الإلكتروني
email-hint = فقط إن سمحت لنا بسؤالك. لا يراه إلا المحررون، ويُحذف بعد { $days } يومًا.
leave-empty = اترك هذا الحقل فارغًا
send-report = أرسل البلاغ
send-claim = أرسل الادعاء
thank-you = شكرًا
thanks-description = وصلت رسالتك إلى فريق التحرير.
thanks-text = وصلت رسالتك إلى فريق التحرير. يقرأ محرر كل رسالة؛ لا نستطيع الرد على كل واحدة، لكن إن تركت بريدًا فقد نكتب إليك لنسألك.
send-another = أرسل ادعاءً آخر

## Sources by story.
sources-summary = { $count ->
    [one] مصدر واحد
    [two] مصدران
    [few] { $count } مصادر
   *[other] { $count } مصدرًا
}، المستقل منها: { $independent }
same-text = نشر { $who } النص نفسه الذي نشره { $original }
list-and = { $first } و{ $last }

## رسوم التصنيف وبطاقات المشاركة والتضمين.
rating-graphic-scale = التصنيف: { $label }، { $value } من { $top } على مقياسنا
rating-graphic-off = التصنيف: { $label }، خارج مقياسنا المرقّم
card-claim = الادعاء
card-alt = التصنيف: { $rating } — { $claim }
card-tagline = ادعاءات نتحقق منها بالأدلة المنشورة، مع عرض كل مصدر.
embed-read = اقرأ التحقق
feed-latest = أحدث التحققات
feed-claimant = { $site }: ادعاءات { $name }
feed-retracted = مسحوب:
feed-retracted-on = سُحب في { $date }:
search-short-prefix = اكتب 3 أحرف على الأقل قبل * (”لقا*“ لا ”ل*“): البداية الأقصر تطابق كل التحققات تقريبًا.
search-many-prefixes = استخدم * مع كلمة واحدة فقط من البحث، واكتب الكلمات الأخرى كاملة.
search-too-broad = يطابق هذا البحث عددًا أكبر من أن يُرتَّب بسرعة من التحققات. أضف كلمة أخرى أو اكتب أحرفًا أكثر قبل * أو اختر تصنيفًا أو موضوعًا.
copy-heading = نسخة { $site } من صفحة مستشهد بها
copy-intro = هذا نص صفحة يستشهد بها أحد تحققاتنا كما التقطناه، نحتفظ به ليبقى الدليل مقروءًا إن تغيّرت الصفحة أو اختفت. ليست هذه الصفحة نفسها: نعرض كلماتها وحدها، بلا صور أو روابط أو تنسيق.
copy-original = العنوان الأصلي
copy-redirected = أُعيد التوجيه إلى
copy-captured = التُقطت
copy-answered = أجاب الموقع
copy-page-digest = بصمة SHA-256 للصفحة كما قُدّمت
copy-bytes = { $count ->
    [zero] لا بايت
    [one] بايت واحد
    [two] بايتان
    [few] { $count } بايتات
   *[other] { $count } بايت
}
copy-text-digest = بصمة SHA-256 للنص أدناه
copy-no-text = تعذّرت قراءة أي نص من هذه الصفحة
copy-digest-identifies = تحدد بصمتها أعلاه الملف كما قُدّم.
