"""Word lists for telling people's names from other capitalised words, without a language model.

Titles carry gender and role, common first names carry gender, and role nouns mark the head of a
description (`a Kabul-based security analyst`). All lower-case; data only.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of a literal, as a set (keeps long lists readable)."""
    return frozenset(words.split())


#: Honorifics and ranks written before a name, mapped to the gender they imply ("" = none).
TITLES: dict[str, str] = {
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mister": "m",
    "sir": "m",
    "dame": "f",
    "lord": "m",
    "lady": "f",
    "king": "m",
    "queen": "f",
    "prince": "m",
    "princess": "f",
    "father": "m",
    "sister": "f",
    "brother": "m",
    "sheikh": "m",
    "haji": "m",
    "hajji": "m",
    "mullah": "m",
    "imam": "m",
    "maulvi": "m",
    "mawlawi": "m",
    "ayatollah": "m",
    "rabbi": "",
    "pope": "m",
    "cardinal": "m",
    "bishop": "",
    "rev": "",
    "reverend": "",
    "dr": "",
    "doctor": "",
    "prof": "",
    "professor": "",
    "president": "",
    "vice": "",
    "sen": "",
    "senator": "",
    "rep": "",
    "representative": "",
    "congressman": "m",
    "congresswoman": "f",
    "gov": "",
    "governor": "",
    "lt": "",
    "mayor": "",
    "judge": "",
    "justice": "",
    "secretary": "",
    "minister": "",
    "premier": "",
    "chancellor": "",
    "ambassador": "",
    "gen": "",
    "general": "",
    "col": "",
    "colonel": "",
    "maj": "",
    "major": "",
    "capt": "",
    "captain": "",
    "sgt": "",
    "sergeant": "",
    "adm": "",
    "admiral": "",
    "lieutenant": "",
    "cmdr": "",
    "commander": "",
    "speaker": "",
    "chairman": "m",
    "chairwoman": "f",
    "chief": "",
    "commissioner": "",
    "director": "",
    "sheriff": "",
    "officer": "",
    "detective": "",
    "coach": "",
    "emir": "m",
    "sultan": "m",
    "attorney": "",
    "pres": "",
    "supt": "",
    "insp": "",
    "inspector": "",
    "deputy": "",
    "leader": "",
    "spokesman": "m",
    "spokeswoman": "f",
    "spokesperson": "",
    "candidate": "",
    "nominee": "",
    "sens": "",
    "reps": "",
    "mrs.": "f",
    "councilman": "m",
    "councilwoman": "f",
    "councilmember": "",
    "assemblyman": "m",
    "assemblywoman": "f",
    "assemblymember": "",
    "alderman": "",
    "delegate": "",
}

#: Titles that say nothing beyond politeness: not worth keeping in a description.
COURTESY = word_set("mr mrs ms miss mister sir dame dr")

_MALE = """
aaron abdul abdullah abe abraham adam adrian ahmad ahmed al alan albert alex alexander ali allen
alvin amir andre andrew andy angelo anthony antonio arnold arthur ashraf austin barack barry ben
benjamin bernard bernie bill billy bob bobby brad bradley brandon brett brian bruce bryan byron
carl carlos chad charles charlie chris christopher chuck clarence clark claude clint cory craig
curtis dale dan daniel danny darrell dave david dean dennis derek devin dick don donald doug
douglas duane dwayne dwight earl ed eddie edward edwin elijah elliot eric ernest eugene evan
francis frank franklin fred frederick gabriel gary gene george gerald glenn gordon grant greg
gregory harold harry hassan harvey hector henry herbert howard hugh hussein ian ibrahim isaac
ivan jack jacob jake james jared jason javier jay jeb jeff jeffrey jeremy jerome jerry
jesse jim jimmy joe joel john johnny jon jonathan jorge jose joseph josh joshua juan julian
justin karim keith ken kenneth kevin khalid kurt kyle lance larry lawrence leon leonard
leroy lewis lloyd louis luis luke malcolm marco marcus mario mark martin marvin matt
matthew max michael miguel mike mitch mitchell mohammad mohammed mohamed muhammad mustafa nathan
neil newt nicholas nick noah norman omar oscar patrick paul pedro peter phil philip rafael ralph
randy ray raymond reince richard rick ricky rob robert roberto robby rodney roger roland ron
ronald ross roy rudy rudolph russell ryan sam samuel scott sean sergei seth shawn sidney stanley
stephen steve steven stuart ted thomas tim timothy todd tom tommy tony travis trey troy
tyler vernon victor vincent vladimir wade walter warren wayne wesley william willie xi
yusuf zachary abu osama rahul sergey dmitry reza hamid
"""

_FEMALE = """
abby abigail ada adriana alexandra alice alicia allison alma amanda amber amy ana andrea angela
angelina anita ann anna anne annie april ashley audrey barbara beatrice becky betsy betty beverly
brenda brittany caitlin carla carly carmen carol caroline carolyn catherine cathy charlotte
chelsea cheryl christina christine cindy claire clara claudia colleen connie courtney crystal
cynthia danielle dawn debbie deborah debra denise diana diane donna doris dorothy edith
eileen elaine eleanor elena elizabeth ella ellen emily emma erica erin eva evelyn fatima fiona
florence frances gabrielle gail gina gloria grace gwen hannah harriet heather heidi helen hillary
hope huma irene isabel jacqueline jane janet janice jean jeanne jennifer jenny jessica
jill joan joanna joanne jodi joy joyce judith judy julia julie june karen kate katherine
kathleen kathryn kathy katie kay kellyanne kimberly kirsten kristen laura lauren leah
linda lisa lois loretta lori louise lucy madeleine maggie malala mallory marcia margaret
maria marian marie marilyn marion martha mary maureen megan megyn melania melanie melissa
michelle mildred mira miriam molly monica nancy naomi natalie nicole nikki nina nora olivia pam
pamela patricia patty paula pauline peggy penny phyllis rachel rebecca regina rhonda rita roberta
rosa rose ruth sally samantha sandra sara sarah sharon sheila shirley sonia sophia stacey
stephanie sue susan suzanne sylvia tammy tanya teresa theresa tiffany tina valerie vanessa
vera veronica victoria virginia wanda wendy yvonne zoe condoleezza ivanka tulsi nikki elizabeth
angela theresa marine hillary
"""

#: Common first names with the gender they usually signal.
FIRST_NAMES: dict[str, str] = {
    **{n: "m" for n in _MALE.split()},
    **{n: "f" for n in _FEMALE.split()},
}

#: Capitalised words that begin sentences or name times, never part of a person's name.
#: Numbers in words: never a name, whole or before a hyphen (`Twenty-seven states`).
_NUMBERS = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty
    ninety hundred hundreds thousand thousands million millions billion billions dozen dozens"""
NUMBER_WORDS = word_set(_NUMBERS)

NOT_NAME = word_set(
    """the a an and or but so yet if in on at for with by from to of as after before when while
    since although though because this that these those his her their its our my your he she they
    we i it there here then now still also meanwhile however asked speaking according last next
    earlier later despite during under over without within among between both either neither some
    many most several one two three another other such what who why how where which whose whom
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december jan feb mar apr jun jul aug sep sept oct nov
    dec yes no not just even only instead indeed once perhaps maybe all any each every no none
    read follow click watch see photo video image related editor note update updated advertisement
    do does did is are was were be been has have had would can could should must shall
    let us we're it's that's there's he's she's they're i'm i've we've you you're mrs ms mr
    today yesterday tomorrow tonight morning afternoon evening week weekend year years day days
    meanwhile overall still like unlike until unless whether about above across against along
    around behind beyond into near off onto out outside inside through toward towards upon via
    again first second third finally thus hence therefore rather than whatever whoever dear oh
    well please thank thanks sorry hello hi okay ok sure true false new old democratic libertarian
    everything nothing something anything everyone someone anyone nobody everybody somebody
    say says said tell tells told rival rivals
    """
    + _NUMBERS
)

#: Party words written before a name like a title (`Republican Donald Trump`); alone they are
#: adjectives or descriptions (`Republican claims`, `the Democrat`), never a person's name.
PARTY_WORDS = word_set("republican democrat democratic gop libertarian independent")

#: Nouns that name a person by role: the head of a description or of an anonymous source.
PERSON_NOUNS = word_set(
    """official officials source sources resident residents analyst analysts spokesman spokeswoman
    spokesperson spokespeople aide aides adviser advisers advisor advisors expert experts witness
    witnesses officer officers diplomat diplomats insider insiders staffer staffers member members
    commander commanders general soldier soldiers fighter fighters militant militants leader
    leaders director chairman chairwoman chair president secretary senator senators governor
    representative congressman congresswoman lawmaker lawmakers mayor minister judge justice
    candidate nominee journalist journalists reporter reporters author writer editor professor
    researcher scientist economist strategist consultant pollster operative operatives supporter
    supporters voter voters critic critics observer observers activist activists lawyer lawyers
    attorney attorneys prosecutor prosecutors investigator investigators agent agents man men
    woman women person people student students teacher doctor doctors nurse worker workers
    employee employees executive executives manager founder owner businessman businesswoman
    billionaire mogul chief head figure speaker deputy ambassador envoy negotiator mediator
    farmer villager villagers elder elders cleric clerics mullah imam commentator host anchor
    mother father wife husband son daughter sister brother friend friends neighbor neighbour
    neighbors neighbours veteran veterans victim victims survivor survivors protester protesters
    demonstrator demonstrators delegate delegates organizer organiser organizers volunteer
    volunteers donor donors contributor republican republicans democrat democrats conservative
    conservatives liberal liberals progressive progressives historian scholar physician surgeon
    psychologist psychiatrist coach player players fan fans owner chancellor premier sheriff
    detective policeman policewoman trooper guard guards teenager teen teens child children boy
    girl resident citizen citizens immigrant immigrants refugee refugees individual individuals
    participant participants attendee attendees caller callers viewer viewers reader readers
    insider lobbyist lobbyists governor-elect president-elect counsel counselor counsellor
    secretary-general commissioner chairperson treasurer partner partners colleague colleagues
    aunt uncle niece nephew cousin grandmother grandfather grandson granddaughter mom dad parent
    parents widow widower fiance fiancee girlfriend boyfriend relative relatives
    """
)

#: Nouns that name an organisation or a document that can "say" something.
ORG_NOUNS = word_set(
    """campaign committee department agency office group company firm newspaper paper network
    government administration ministry party team police military army navy statement report
    study survey poll memo letter ruling court website site magazine organization organisation
    council board commission foundation institute center centre union association coalition
    alliance embassy spokesman's bureau service station channel outlet publication times post
    journal union caucus senate house congress parliament legislature regime authorities
    authority county city state country nation white-house clip ad ads video book letter
    email release filing lawsuit complaint document transcript message website blog editorial
    column article piece story headline documents"""
)

#: Nouns of the ORG_NOUNS that name a text, not a body of people: they can "say" (`the
#: statement noted`) but are never the `they` of a later `they said`.
DOCUMENT_NOUNS = word_set(
    """statement statements report reports study studies survey surveys poll polls memo memos
    letter letters ruling rulings website site clip ad ads video videos book email emails
    release filing lawsuit complaint document documents transcript message blog editorial
    column article piece story headline tweet tweets"""
)

#: Words in a description that imply gender.
GENDERED = {
    "man": "m",
    "men": "p",
    "woman": "f",
    "women": "p",
    "spokesman": "m",
    "spokeswoman": "f",
    "chairman": "m",
    "chairwoman": "f",
    "congressman": "m",
    "congresswoman": "f",
    "businessman": "m",
    "businesswoman": "f",
    "mother": "f",
    "father": "m",
    "wife": "f",
    "husband": "m",
    "son": "m",
    "daughter": "f",
    "sister": "f",
    "brother": "m",
    "boy": "m",
    "girl": "f",
    "policeman": "m",
    "policewoman": "f",
    "widow": "f",
    "widower": "m",
    "grandmother": "f",
    "grandfather": "m",
    "actress": "f",
    "actor": "m",
    "king": "m",
    "queen": "f",
    "mom": "f",
    "dad": "m",
    "aunt": "f",
    "uncle": "m",
    "niece": "f",
    "nephew": "m",
    "grandson": "m",
    "granddaughter": "f",
    "girlfriend": "f",
    "boyfriend": "m",
}

#: Lower-case words allowed inside a name (`Ludwig van Beethoven`, `Osama bin Laden`).
NAME_LINKS = word_set("de del della der den van von bin ibn al el la le da dos du di st")

#: Words of a department or office after a title and `of` (`Secretary of State`, `Minister of
#: Homeland Security`, `Secretary of the Treasury`): part of the title, not of the name after it.
DEPARTMENT_WORDS = word_set(
    """state defense defence treasury homeland security labor labour commerce energy education
    health human services transportation agriculture interior justice veterans affairs housing
    urban development foreign finance war the and public trade economy environment"""
)

#: Written after a name and part of it.
NAME_SUFFIXES = word_set("jr jr. sr sr. ii iii iv")

#: Abbreviations whose full stop does not end a sentence.
ABBREVIATIONS = word_set(
    """mr mrs ms dr prof sen rep gov gen lt col maj capt sgt adm cmdr st jr sr rev no vs etc inc
    co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec pres supt insp mt ft u.s u.k
    u.n a.m p.m d.c sens reps messrs"""
)

#: Countries, US states, large cities, regions and the words for their people (`Afghanistan`,
#: `New York`, `Afghans`): a name made only of these words is a place or a people, never a
#: person, even before a verb (`the report for Afghanistan states that`). A lone one still joins
#: a person already named in full (`Kerry Washington ... Washington said`). Words more often a
#: person's name than a place (Jordan, Chad, Austin, London, Paris, Victoria, Christian) are left
#: out.
PLACES = word_set(
    """afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
    bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
    botswana brazil brunei bulgaria burkina burundi cambodia cameroon canada chile china
    colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt
    eritrea estonia eswatini ethiopia fiji finland france gabon gambia germany ghana greece
    grenada guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq
    ireland israel italy jamaica japan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan
    laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar
    malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova monaco
    mongolia montenegro morocco mozambique myanmar burma namibia nauru nepal netherlands
    nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru
    philippines poland portugal qatar romania russia rwanda samoa senegal serbia seychelles
    singapore slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan
    tajikistan tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine
    uruguay uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe britain england scotland
    wales crimea chechnya kashmir tibet gaza kurdistan washington virginia georgia
    alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii
    idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
    minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania
    tennessee texas utah vermont wisconsin wyoming carolina dakota hampshire
    kabul kandahar helmand nangarhar jalalabad herat kunduz islamabad karachi lahore peshawar
    tehran baghdad mosul fallujah raqqa aleppo damascus beirut riyadh cairo tripoli benghazi
    ankara istanbul moscow kiev kyiv beijing shanghai tokyo seoul pyongyang delhi mumbai
    jerusalem brussels madrid rome vienna warsaw athens havana caracas bogota ottawa toronto
    montreal manhattan brooklyn chicago philadelphia pittsburgh baltimore detroit milwaukee
    boston atlanta miami orlando seattle denver nashville memphis
    europe asia africa america americas eurasia antarctica caribbean scandinavia balkans
    afghan afghans american americans russian russians chinese british french german germans
    iranian iranians iraqi iraqis syrian syrians pakistani pakistanis indian indians mexican
    mexicans canadian canadians israeli israelis palestinian palestinians saudi saudis turkish
    turks japanese korean koreans european europeans african africans asian asians arab arabs
    egyptian egyptians libyan libyans yemeni yemenis cuban cubans ukrainian ukrainians italian
    italians spanish irish scottish english welsh australian australians brazilian brazilians
    venezuelan venezuelans colombian colombians nigerian nigerians kenyan kenyans somali
    somalis kurdish kurds pashtun pashtuns tajik tajiks uzbek uzbeks hazara hazaras latino
    latinos latina latinas hispanic hispanics muslim muslims jewish catholic catholics
    evangelical evangelicals hindu hindus sikh sikhs
    new york jersey los angeles san francisco las vegas hong kong saudi
    arabia united states kingdom emirates south north east west sri lanka"""
)
