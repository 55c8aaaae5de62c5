"""Stop words for Czech and English, diacritics folded and lower-cased (the form they are compared in).

Hand-kept short lists: function words plus the call-page words that carry no topic ("výzva", "call",
"projekt", "proposal"), which would otherwise make every call look like every other.
"""

from __future__ import annotations

_CS = """
a aby aj ale ani aniz ano asi az bez bude budem budes budeme budete budou by byl byla byli bylo byly bych
bys byt ci clanek clanku co coz da dal dalsi do dnes ho i ja jak jake jako je jeho jej jeji jejich jen jenz
jeste ji jine jiz jsem jses jsme jsou jste k kam kde kdo kdy kdyz ke ktera ktere kteri kterou ktery kteri
ku ma maji mate me mezi mi mit mne mnou muj muze my na nad nam nami nas nasi ne nebo nebyl necht nej nejsou
neni nez nic nich nim nove novy o od on ona oni ono ony pak po pod podle pokud pouze prave pred pres pri pro
proc prostrednictvim proto protoze prvni pta s se sem si sice sve svych svym svymi ta tak take takze tam
tato te tedy tema ten tento teto tim timto tipy to tohle toho tohoto tom tomto tomuto tu tuto ty tyto u uz v
ve vice vsak vsechen vsech vsechny vsichni vy z za zda zde ze zpet zprava jiny jine jejiz tj tzv apod atd
rok roku let cca vcetne dle resp event mj zejmena take dale jednotlivy jednotlive ramci ramec
vyzva vyzvy vyzve vyzvou projekt projekty projektu zadost zadosti zadatel zadatele zadatelu prijem
podpora podpory dotace dotaci program programu informace stranka stranky web kliknete zobrazit vice
""".split()

_EN = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each etc few for from further had has have
having he her here hers him his how i if in into is it its itself just may me might more most must my no nor
not now of off on once only or other our ours out over own per same shall she should so some such than that
the their theirs them then there these they this those through to too under until up upon us very via was
we were what when where which while who whom why will with within without would you your yours e g ie eg
call calls topic topics proposal proposals project projects applicant applicants action actions page
expected outcome outcomes scope objective objectives
""".split()

STOP_CS: frozenset[str] = frozenset(_CS)
STOP_EN: frozenset[str] = frozenset(_EN)
STOP_ALL: frozenset[str] = STOP_CS | STOP_EN
