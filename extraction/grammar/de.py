"""German funding grammar: "Das Berliner Startup X hat in einer Series-A-Runde 5 Mio. Euro
eingesammelt. Angeführt wurde die Runde von Y, außerdem beteiligten sich Z und W."
"""

from __future__ import annotations

import re

from extraction.grammar import Grammar, register
from extraction.grammar import rx as _rx


def rx(*parts: str):
    """`grammar.rx` that also reads Swiss spelling: "schliesst", "ausserdem", "Grossauftrag"."""
    return _rx(*(p.replace("ß", "(?:ß|ss)") for p in parts))


_NAMES_END = (
    # (" – Details folgen": a dash ends the list)
    r"[.;:!?$€£]|\s[–—]\s(?!darunter|unter anderem|u\.a\.|etwa|allen voran)|\s(?:rund |etwa |über |knapp )?\d+(?:[.,]\d+)?\s?(?:mio|millionen|mrd|milliarden|million|billion)|\s(?:an der|an dem|in der|in die|in das|im|bei|(?<!zusammen )mit|um|zu|für|sowie weitere|"
    r"und weitere|und andere|und anderen|und mehrere|u\.a\.|unter anderem|hat|haben|ist|sind|war|waren|wird|werden|wurde|wurden|stocken|stockt|investierten|"
    r"investiert|beteiligten|beteiligte|beteiligt|als|sich|nach|erneut|ebenfalls|auch|noch|allerdings|neu)\b|"
    r",\s(?:der|die|das|dem|den|außerdem|zudem|daneben|dazu|ferner|sowie|wobei|womit|was|so|wie|heißt)\b|"
    r",\s(?:[\w-]*investor(?:en|in)?|[\w-]*geldgeber|[\w-]*kapitalgeber)\b|"
    # "Lead ist X, Y beteiligte sich": a comma and a new clause with its own subject and verb
    r",\s(?=(?:[\w&.'-]+\s){1,5}(?:beteiligte|beteiligten|investierte|investierten|stieg|stiegen|steigt|steigen|"
    r"zog|zogen|zieht|ziehen)\b)"
)

# a round told by its round noun, its backers, or "das Start-up" alone; an investor as the subject
_ORPHAN_CUE = re.compile(
    r"(?i)\b(?:finanzierungsrunde|kapitalrunde|runde|kapitalgeber|geldgeber|investoren|wagniskapitalgeber|"
    r"(?:dem|das|den) (?:start-?up|unternehmen|jungunternehmen))\b|"
    # an investor as the subject: "X steigt mit 170.000 Euro ein", "der weitere 21 Millionen zuschießt"
    r"(?i:\b(?:steig(?:t|en|e)|stieg(?:en)?)\b(?:[^.]|\.(?=\d)){0,80}\bein\b|\binvestier\w*|\bzuschie(?:ß|ss)\w*|\bbeisteuer\w*|\bbeigesteuert|"
    r"\berhöh\w* (?:die|seine|ihre) beteiligung|"
    # a sum that came together: "Nach 48 Stunden waren 750.000 Euro zusammen"
    r"\b(?:kamen|kommen|kam|kommt|waren|sind)\b(?:[^.]|\.(?=\d)){0,60}\bzusammen\b(?!\s+mit\b)|"
    # the round's size told as a target: "Angepeilt sind 100 Millionen Euro", "Im Gespräch ist ein ... Betrag"
    r"\bangepeilt\b|\banvisiert\b|\bim gespräch (?:ist|sind)\b)")

GRAMMAR = register(Grammar(
    code="de",
    orphan_cue=_ORPHAN_CUE,
    funding_cue=rx(
        r"\b(?:eingesammelt|einsammeln|sammelt|sammelte|erhält|erhielt|erhalten|bekommt|bekam|"
        r"bekommen|gesichert|sichert|sicherte|holt|holte|geholt|aufgenommen|nimmt|nahm|kassiert|"
        r"kassierte|zieht|zog|abgeschlossen|schließt|schloss|zusammenbekommen|fließen|flossen|fließt|floss|"
        r"investiert|investierte|investierten|investieren|steckt|steckte|steckten|gesteckt|stockt|stockte|"
        # "X und Y stecken 5 Mio. Euro in Z"; at the clause's end it is an infinitive ("will 3 Mio. Euro
        # in den Vertrieb stecken": a plan for the money)
        r"stecken(?!\s*(?:[.;,:!?]|$))|"
        r"aufgestockt|angeführt|beteiligten|beteiligt|aufgebracht|gesammelt|beschafft|beschaffte|"
        r"besorgt|eingeworben|wirbt|warb|akquiriert|eingestiegen|eingestrichen|"
        # the other persons and tenses of the same verbs, and more verbs of getting money
        r"erhielten|bekamen|sammeln|sammelten|sichern|sicherten|holen|holten|nahmen|zogen|schlossen|"
        r"kassieren|kassierten|einwerben|einsammelten|ergattert|ergatterte|ergatterten|stemmt|stemmte|"
        r"gestemmt|pumpt|pumpen|pumpte|pumpten|gepumpt|verbucht|verbuchte|zugeflossen|zufließen|"
        r"zugeschossen|bereitgestellt|eingesackt|eingeheimst|"
        # a backer's share: "der französische Investor X, der 6 Mio. Euro beisteuert"
        r"beisteuert|beisteuern|beisteuerte|beisteuerten|beigesteuert)\b",
        r"\b(?:heimst|heimste|heimsten|sackt|sackte|sackten|schießt|schießen|schoss|schossen|stellt|stellen|"
        r"stellte|stellten)\b[^.;]{0,60}\b(?:ein|zu|bereit)\b",
        # an investor's entry: "Bei X steigt Y mit 5 Mio. Euro ein", "Y steigen mit 5 Mio. Euro bei X ein"
        r"\b(?:steigt|steigen|stieg|stiegen)\b[^.;]{0,160}\bein\b",
        # a sum that came together: "nach 48 Stunden waren 750.000 Euro zusammen", "kamen 2 Mio. Euro zusammen"
        r"\b(?:kamen|kommen|kam|kommt|waren|sind)\b(?:[^.;]|\.(?=\d)){0,60}\bzusammen\b(?!\s+mit\b)",
        # "In Paderborn freut sich X über knapp 3 Mio. Euro"
        r"\b(?:freut|freuen|freute|freuten)\s+sich\b[^.;]{0,80}\büber\b",
        # the passive of backing: "X wurde von Y mit 4 Mio. Euro finanziert"
        r"\b(?:wurde|wird|werden|wurden)\b[^.;]{0,80}\b(?:finanziert|unterstützt|gefördert)\b",
        # an extension: "X erweitert seine Series A um 4 Mio. Euro"
        r"\b(?:erweitert|erweiterte|verlängert|verlängerte)\s+(?:seine|ihre|die)\s+(?-i:Series|Serie|[\w-]*[Rr]unde|[\w-]*[Ff]inanzierung)",
        # a lead: "Y führt eine Finanzierungsrunde über 9 Mio. Euro bei X an"
        r"\b(?:führt|führen|führte|führten)\b[^.;]{0,80}\ban\b",
        r"\b(?:frisches|neues|weiteres|zusätzliches) geld\b|\bgeldspritze\b",
        # an official grant's paper: "hat der X GmbH einen Förderbescheid über N überreicht"
        r"\b(?:förderbescheid\w*|zuwendungsbescheid\w*|zuschuss|zuschüsse|fördermittel\w*|förderzusage\w*)\b",
        # "20 Millionen Euro gehen an Fluxwerk": money going to someone
        r"\b(?:euro|dollar|franken|pfund)\s+(?:gehen|gingen|geht|ging)\s+an\s+(?-i:[A-ZÄÖÜ])",
        # "X streicht 15 Millionen Euro ein", "X kann sich über 5 Millionen Euro freuen"
        r"\b(?:streicht|strich|strichen)\b[^.;]{0,60}\bein\b",
        # a round's target after the round is told: "Angepeilt sind 100 Mio. Euro", "Im Gespräch ist ein ... Betrag"
        r"\b(?:angepeilt|anvisiert)\b|\bim gespräch (?:ist|sind)\b",
        # grants: "Das Ministerium fördert das Start-up X mit 2 Mio. Euro", "Die EU unterstützt X mit ..."
        r"\b(?:fördert|förderte|gefördert|fördern)\b",
        # grants told by what the funder does: "hat dem Startup X 2 Mio. Euro bewilligt"
        r"\b(?:zugesprochen|bewilligt|gewährt|zugeteilt)\b",
        r"\b(?:unterstützt|unterstützte|unterstützen)\b[^.;]{0,80}?\bmit\b",
        # "Der Investor X finanziert das Berliner Startup Y mit 4 Mio. Euro": only a company as the object
        # ("finanziert seine Expansion / den Bau der Schule mit" is spending)
        r"\b(?:finanziert|finanzierte|finanzieren) (?:das|den|die) (?:[\w-]+ )?[\w-]*(?:start-?up|unternehmen|firma|"
        r"fintech|biotech|healthtech|insurtech|proptech|spin-?off|scale-?up)\b[^.;]{0,60}?\bmit\b",
        r"\b(?:kann|können|konnte|konnten|darf|dürfen|durfte) sich [^.;]{0,60}?\bfreuen\b",
        r"\b(?:steigt|stieg|steigen|stiegen)\b(?:[^.;]|\.(?=\d)){0,80}\bein\b",  # "170.000" has a dot
        # headline "7 Millionen Euro für Bremer Logistik-Startup X", "Zwölf Millionen Euro für das Fintech X";
        # the descriptor keeps out "50 Millionen Euro für Klimaschutz"
        r"^\W*(?:(?:rund|über|knapp|fast|mehr als|weitere|frische)\s+)*[\w,.]+\s*(?:mio\.?|millionen|mrd\.?|"
        r"milliarden)\s*(?:euro|us-dollar|dollar|franken|chf|€|\$)?\s+für\s+(?:das |den |die )?(?:[\w-]+\s+)?"
        r"[\w-]*(?:startup|start-up|tech|unternehmen|firma|app|plattform|anbieter|spezialist|hersteller|"
        r"entwickler|spin-off|scale-?up)\s",
        r"(?:finanzierung|runde|investment|kapital|geldgeber|investoren|zuschuss|förderung|"
        r"series|serie|seed|erhöh\w* (?:die|seine|ihre) beteiligung)",
    ),
    subject_verbs=rx(
        r"\b(?:hat|haben|hatte|hatten|erhält|erhielt|erhalten|bekommt|bekam|sammelt|sammelte|"
        r"sammeln|sichert|sicherte|holt|holte|schließt|schloss|kassiert|kassierte|zieht|zog|"
        r"nimmt|nahm|stockt|stockte|verbucht|verbuchte|meldet|meldete|gab|gibt|konnte|kann|"
        r"wirbt|warb|bringt|brachte|landet|landete|verkündet|verkündete|vermeldet|vermeldete|gelingt|gelang|"
        r"streicht|strich|ergattert|ergatterte|heimst|heimste|sackt|sackte|stemmt|stemmte|"
        r"erhielten|bekamen|sammelten|sicherten|holten|nahmen|zogen|schlossen|"
        # modal and talks verbs: "X soll laut Handelsblatt ... erhalten", "X verhandelt über ..."
        r"soll|sollen|will|wollen|dürfte|verhandelt|verhandeln|verhandelte|sucht|suchte|habe|hätte|"
        r"plant|plante|planen)\b",
        r"\b(?:freut|freuen|freute|freuten)\b(?=\s+sich\b)",
        # an extension "um" its amount: "X erweitert seine Series A um 4 Mio. Euro" (what it grows "auf"
        # is the sum, told by the verbs the extension's clause has anyway)
        r"\b(?:erweitert|erweiterte|verlängert|verlängerte)\b(?=[^.;]{0,60}\bum\s+(?:(?:weitere|rund|knapp)\s+)?$)",
        # the passive of backing: "X wurde von Y mit 4 Mio. Euro finanziert"
        # (the participle follows the amount, outside the text this reads: the agent or "mit" must follow)
        r"\b(?:wurde|wird)\b(?=\s+(?:(?:nun|jetzt|bereits|erneut|zuletzt)\s+)?(?:von|vom|mit|durch)\b)",
        r"\b(?:spricht|sprechen|sprach|redet)\b(?=[^.]{0,30}\bmit (?:investoren|geldgebern|kapitalgebern|vcs)\b)",
        # "steht der Münsteraner Batterie-Recycler X kurz vor dem Abschluss": a described subject between
        r"\b(?:steht|stehen|stand)\b(?=[^.]{0,80}\bkurz vor\b)",
        r"\b(?:ist|sind|befindet sich|befinden sich)\b(?=[^.]{0,60}\bin (?:gesprächen|verhandlungen)\b)",
    ),
    fronted_verbs=rx(
        r"^\s*(?:\([^)]{0,60}\)\s*)?(?:hat|haben|hatte|erhält|erhielt|bekommt|bekam|sammelt|sammelte|"
        r"holt|holte|sichert|sicherte|kassiert|kassierte|stockt|stockte|zieht|zog|verbucht|konnte|konnten|kann|"
        r"ergattert|ergatterte|heimst|heimste|erhielten|bekamen|sammelten|sicherten|holten)\s+"
        r"(?:sich\s+)?"
    ),
    # ("setzt 12 Mio. Euro auf X", never "setzt 12 Mio. Euro um", a turnover)
    bet_before=rx(r"\b(?:setzt|setzen|setzte|setzten|wettet|wetten)\s+(?:weitere\s+|rund\s+)?$"),
    bet_after=rx(r"^\s+auf\s+(?:das |den |die )?(?:(?-i:[A-ZÄÖÜ])[\w-]*(?:er|es|en)\s+)?(?:[\w-]+-)?(?:Start-?up|Unternehmen|Firma)?\s*(?=(?-i:[A-ZÄÖÜ]))"),
    object_link=rx(
        r"^\s*(?:\([^)]{0,60}\)\s*)?(?:[\w+-]+\s){0,4}?(?:für|in|an(?= de[mnr] | das )|am) (?=\S)",
        # "Y führt eine Runde über 9 Mio. Euro bei X an" (never "... bei X ein": "sammelt 4 Mio. Euro
        # bei Y ein" names where the money comes from)
        r"^\s*(?:[\w+-]+\s){0,2}?(?:bei|beim) (?=[^.;,]{1,60}\san\s*(?:[.;,]|$))",
        # "12 Mio. Euro investieren X und Y in das Unternehmen": the backers stand between
        r"^\s*(?:investier(?:en|t|te|ten)|steck(?:en|t|te|ten)|pump(?:en|t|te|ten)) [^.;:]{2,100}? (?:in|an) "
        r"(?=(?:das|den|die|dem)\s)",
        # "20 Millionen Euro gehen an Fluxwerk", "6 Mio. Euro fließen an das Startup"
        r"^\s*(?:gehen|gingen|geht|ging|fließen|flossen|fließt|floss)\s+an\s(?=(?-i:[A-ZÄÖÜ0-9]))",
    ),
    anaphora=rx(
        r"\b(?:das|die|der|dem|den|dieses|diese|dieser)\s(?:[\w-]+\s){0,4}?(?:unternehmen|startup|"
        r"start-up|firma|jungunternehmen|jungfirma|fintech|plattform|anbieter|app)\s*$",
        # ("Wir haben 2,4 Mio. Euro eingesammelt": a company's own blog post speaks of itself)
        r"^(?:es|sie|er|wir)$",
        # "Die Ausgründung der TU München", "das Spin-off des Universitätsklinikums Jena": the company
        # told by where it comes from; the name after the article is its origin, not itself
        r"^(?:das|die|der|dem|den|diese|dieses|eine|ein)\s(?:[\w-]+\s)?(?:ausgründung|spin-?off)\s(?:der|des|von|vom|aus)\s"
        r"[^,;:]{2,60}$",
    ),
    skip_before=rx(
        r"\b(?:übernahme|übernimmt|übernommen|gekauft|kauft|kaufpreis|verkauf\w*|zahlte|zahlt|"
        r"börsengang\w*|börsendebüt|erstnotiz|emissionserlös\w*|(?<!pre-)ipo|umsatz|umsätze|erlöse?|"
        # a licence deal's money, and an IPO's anchor commitments: "eine Vorabzahlung von 45 Mio. Euro",
        # "Meilensteinzahlungen von bis zu 650 Mio.", "Zusagen von Ankerinvestoren über 90 Mio."
        r"vorabzahlung\w*|meilenstein\w*|lizenzgebühr\w*|lizenzzahlung\w*|ankerinvestor\w*|"
        # a competition's prize: "erhält den Hauptpreis über 50.000 Euro", "ein Preisgeld von 10.000 Euro"
        r"\w*preisgeld\w*|hauptpreis\w*|gründerpreis\w*|innovationspreis\w*|förderpreis\w*|sonderpreis\w*|publikumspreis\w*|"
        r"provisionserlöse|ebitda|gewinn|verlust|"
        # a company's takings told as a compound: "Beitragseinnahmen von 14,8 Mrd. Euro", "Werbeeinnahmen"
        r"[\w-]*einnahmen|"
        r"marktkapitalisierung|marktvolumen|marktwert|budget|etat|haushalt|kosten|preis|"
        r"gehalt|strafe|zwischen|bis zu|durchschnittlich|durchschnittsvolumen|im schnitt|"
        r"gesamtfinanzierung|gesamtvolumen|gesamthöhe|gesamtsumme|rekordsumme|"
        # "eine Finanzierungsrunde im Volumen von 30 Mio." is the round's own size
        r"(?<!runde im )(?<!finanzierung im )(?<!investment im )volumen|"
        r"fonds ist mit|dotiert|verwaltet|pro finanzierungsrunde|pro runde|jährlich|"
        r"bewertet|bewertung|wert von|taxiert|finanzierungsbedarf|kapitalbedarf|"
        r"entfiel|entfielen|waren es|sind es|es waren|es sind|es war|auf platz|bereitgestellt|fördertopf|programm|"
        # "in die Nähe des Einhorn-Status (eine Milliarde Dollar)", "die Schwelle von einer Milliarde"
        r"einhorn|unicorn|schwelle|marke|auftrag|aufträge|großauftrag|rahmenvertrag|vertrag)\W+(?:\w+\W+){0,3}$",
        # a clause opened by "nach" compares with an earlier figure: "Die Bewertung fiele auf 90 Mio. Euro
        # – nach 700 Mio. Euro im Jahr 2021", "nach zuletzt 2 Mrd. Dollar"
        r"^\s*nach (?:zuletzt |noch |einst |damals |früher )?$",
        # a sum reached, round or all rounds: "Die Runde summiert sich damit auf nun 17 Mio. Euro", "Die
        # Series A wächst damit auf 20 Mio. Euro", "beläuft sich damit insgesamt auf"
        r"\bsummier(?:t|en|te|ten) sich\b[^.;]{0,40}$",
        r"\b(?:wächst|wuchs|wachsen|beläuft sich|belief sich|erhöht sich|erhöhte sich|vergrößert sich)\s+"
        r"(?:damit|nun|so|somit)\b[^.;]{0,30}\bauf\s+(?:(?:nun|jetzt|insgesamt|rund|knapp|über|gut|etwa)\s+)*$",
    ),
    skip_after=rx(
        # never the source of the money: "4 Mio. Euro vom Nordkap Fonds" is a round from a fund
        r"^(?!\W{0,3}(?:vom|von|aus dem)\s)\W{0,3}(?:\w+[- ]){0,3}?(?:fonds|fund|umsatz|umgesetzt|(?<!,\s)um(?:\s|$)|erwirtschaftet|"
        r"verwaltet|dotiert|bereitgestellt|jährlich|pro jahr|im jahr|budget|marktwert|bewertet|"
        r"taxiert|an kapital aufgenommen|in .{0,30}investiert|eingesammelt hat|zahlte|gezahlt|"
        r"kaufpreis|übernahme|ebitda|gewinn|verlust|auftrag|aufträge|großauftrag|vertrag|"
        r"strafe|bußgeld|schadenersatz|börsengang\w*|börsendebüt|erstnotiz|je aktie|pro aktie|"
        # "zwischen 0,8 und 1,5 Millionen Franken pro Finanzierungsrunde": a ticket size, no round
        r"(?:pro|je) (?:[\w-]*runde|start-?up|unternehmen|investment|beteiligung))\b",
    ),
    skip_clause=rx(
        r"\b(?:übernimmt|übernahme|übernommen|fusioniert|fusion|gekauft|kauft|kaufpreis\w*|börsengang\w*|"
        r"(?<!pre-)ipo|börsendebüt|erstnotiz|(?:an die|an der) börse|börsennotiert\w*|ausgabepreis|"
        r"emissionspreis|je aktie|pro aktie|vorgängerfonds|bezugsrecht\w*|aktionär\w*|neuen? aktien|"
        r"(?:im|am) [\w-]+ (?:standard|markt|segment) notiert\w*|"
        r"(?:vorherige|vorigen|letzte|ersten|zweiten|dritten|vierten|fünften)[nmrs]? fonds|"
        r"fonds (?:i{1,3}|iv|v|vi{1,3}|\d{1,2})\b|"
        r"start-ups? (?:haben|erhielten)|heimische start-ups?|ökosystem|rekordsumme|"
        r"rekordjahr|finanzierungsbedarf|kapitalbedarf|umfrage|studie|ranking|[\w-]*barometer|"
        # market figures: "Nach einer Auswertung von EY flossen 1,4 Mrd. Euro in junge Unternehmen"
        r"auswertung|(?:in|an) (?:junge|deutsche|heimische|europäische|österreichische|schweizer) "
        r"(?:unternehmen|start-?ups|firmen)|"
        # a register's share capital ("das Stammkapital wurde von 31.250 Euro auf 38.100 Euro erhöht")
        r"stammkapital\w*|grundkapital\w*|"
        # a bank syndicate's loan or a promissory note is a corporation's borrowing, not a backer's
        # round ("hat sich einen Konsortialkredit über 1 Mrd. Euro gesichert", "Schuldscheindarlehen")
        r"[\w-]*konsortialkredit\w*|schuldschein\w*|bankenkonsortium\w*|"
        # a prize by its rank is no round: "Den zweiten Platz und 10.000 Euro erhielt X", "Platz drei (5.000 Euro)"
        r"(?:den|der|dem) (?:ersten|zweiten|dritten|vierten|fünften) platz|platz (?:eins|zwei|drei|vier|fünf)|"
        # a company spending its own money: "aus dem operativen Cashflow", "aus eigenen Mitteln"
        r"[\w-]*cashflow\w*|"
        # an investor's plan: "Techkonzern X will 500 Millionen in Hamburg investieren", "will in den
        # nächsten Jahren 300 Mio. Euro in Fintechs investieren"; money going out, no round of the
        # subject (a named start-up after "in" is its recipient and stays: "in das Startup Y investieren")
        r"(?:will|wollen|plant|planen|möchte|möchten)\b[^.;:]{0,80}\bin\s+(?!(?:das|die|den|dem)\s+(?:[\w-]+\s+)?"
        r"(?:start-?up|unternehmen|firma|jungunternehmen)\b)(?:[\w-]+\s+){1,6}?(?:investieren|stecken)\b|"
        # a company's own spending planned: "will ein neues Werk bauen und dafür 500 Mio. Euro investieren"
        r"(?:will|wollen|plant|planen)\b[^.;:]{0,100}\b(?:dafür|darin|dort)\b[^.;:]{0,60}\binvestieren|"
        r"investier\w*\s+(?:\S+\s+){1,5}?in\s+(?:(?:ein|einen|eine|das|den|die|sein|seinen|seine)\s+)?(?:neues?n?\s+|zweites?n?\s+)?"
        r"(?:[\w-]+\s+)?(?:werk|fabrik|produktionsstätte|standort|anlage|rechenzentrum|lager|logistikzentrum|"
        # compounds of a building: "in eine neue Produktionshalle", "in die Montagehalle" ("-werk" stays
        # whole: "Kranwerk" is as likely a start-up's name)
        r"[\w-]*(?:halle|fabrik|gebäude)|produktions[\w-]+)\b|"
        r"\bin\s+(?:(?:ein|einen|eine|das|den|die|sein|seinen|seine)\s+)?(?:neue[nsr]?\s+)?(?:[\w-]+\s+)?"
        r"(?:werk|fabrik|halle|produktionsstätte|standort|anlage|rechenzentrum|lager|logistikzentrum)\s+"
        r"(?:gesteckt|investiert|stecken|investieren)\b|"
        r"(?:ein|einen|der|den|neuen|seinen|ihren) (?:\w+ )?fonds|beteiligungsfonds|"
        r"fondsvolumen|beitrittsrunde|zukunftsfonds|förderprogramm|haushalt|"
        # a programme's call opening: "Neue Förderrunde startet mit 30 Mio. Euro", "startet die dritte Ausschreibungsrunde"
        r"[\w-]*(?:förder|ausschreibungs|bewerbungs)runde (?:startet|beginnt|läuft)|"
        r"(?:startet|starten|beginnt|eröffnet) (?:die |eine )?(?:neue |nächste |zweite |dritte |vierte )?[\w-]*(?:förder|ausschreibungs|bewerbungs)runde|"
        r"entlassen|insolvenz|pleite|umsatz|erlöse|provisionserlöse|marktkapitalisierung|die stadt|"
        r"das land|der bund|die bundesregierung|die regierung|das ministerium|die eu|die kommune|"
        r"der staat|der freistaat|der senat)\b",
    ),
    failed=rx(
        r"\b(?:vergeblich|erfolglos|ohne erfolg|nicht zustande|gescheitert|scheiterte|scheiterten|platzte|geplatzt|"
        r"nicht gelungen|nicht gelang|nicht geschafft|"
        # "konnte die geplante Finanzierungsrunde über 50 Mio. Euro nicht abschließen"
        r"nicht (?:abschließen|abgeschlossen|einsammeln|eingesammelt|zustande gebracht))\b"),
    valuation_before=rx(
        r"\b(?:bewertung|bewertet|bewerte|wert von|wert in der größenordnung von|taxiert|"
        r"firmenwert|unternehmenswert|post-money|pre-money|firmenbewertung)\W+(?:\w+\W+){0,12}$",
    ),
    cumulative=rx(
        # "Insgesamt fließen 7 Mio. Euro in das Unternehmen": money flowing in now is this round's size
        r"\b(?:insgesamt(?! (?:fließen|fließt|investieren|investiert|stecken|steckt|gehen|geht|erhält|bekommt|sammelt|holt) )|bislang|bisher|seit (?:der )?gründung|mittlerweile|einschließlich|inklusive|damit .{0,30}"
        r"(?:eingesammelt|aufgenommen)|gesamtfinanzierung|gesamtvolumen|inzwischen|"
        r"an kapital aufgenommen|seit (?:19|20)\d\d (?:mehr als|über|rund|insgesamt))\b",
    ),
    reported=rx(
        r"\b(?:laut (?:bloomberg|reuters|insidern|medienberichten|einem bericht|berichten|"
        r"informationen|handelsblatt|financial times|der financial times)|berichten zufolge|"
        r"insidern zufolge|nach informationen|wie .{0,30} berichtet|soll\b.{0,60}\b(?:haben|erhalten|"
        r"eingesammelt)|sollen|dürfte|offenbar|angeblich|personen, die mit|nach angaben von (?-i:[A-ZÄÖÜ])(?!ründer)|"
        r",\s*(?:berichtet|berichtete|schreibt|schrieb|meldet|meldete) (?:das|die|der) (?!unternehmen|startup|firma))|"
        # what registers and hearsay tell: "Wie aus dem Handelsregister hervorgeht", "Dem Vernehmen nach"
        r"\b(?:handelsregister\w*|firmenbuch\w*|dem vernehmen nach|aus (?:investoren|unternehmens|branchen|finanz)kreisen)\b",
    ),
    in_talks=rx(
        r"\b(?:in gesprächen|gespräche über|führe .{0,30}gespräche|verhandelt|verhandlungen|"
        r"im prozess|will .{0,40}(?:einsammeln|aufnehmen)|plant .{0,40}(?:einzusammeln|aufzunehmen)|"
        r"auf der suche nach|kurz vor (?:dem )?abschluss|sucht .{0,40}(?:investoren|geldgeber|kapitalgeber)|"
        r"plant (?:eine|einen|die) (?:neue |weitere )?(?:[\w-]*runde|[\w-]*finanzierung)|im gespräch ist|"
        r"(?:spricht|sprechen|sprach) mit (?:investoren|geldgebern|kapitalgebern)|angepeilt|anvisiert)\b",
    ),
    past=rx(
        r"\b(?:bereits im|bereits \w+ im|im (?:januar|februar|märz|april|mai|juni|juli|august|"
        r"september|oktober|november|dezember|feber|frühjahr|sommer|herbst|winter|vorjahr)|"
        r"zuvor|damals|früher|ende (?:19|20)\d\d|vergangenen jahres|im vergangenen jahr|"
        r"vor (?:einem|zwei|drei) jahren|im jahr (?:19|20)\d\d|(?:19|20)\d\d (?:erhielt|hatte)|"
        r"zuletzt|ende des vergangenen|erst im|"
        # pluperfect: "Konkurrent Y hatte erst kürzlich 100 Millionen Euro eingesammelt"
        r"hatten? [^.;,]{0,80}?(?:eingesammelt|erhalten|bekommen|aufgenommen|gesichert|geholt|eingeworben)|"
        r"(?:eingesammelt|erhalten|bekommen|aufgenommen|gesichert|geholt|eingeworben) hatten?)\b",
    ),
    lead_after=[
        # ("Angeführt wird die Series C von X", "Angeführt werde die Runde demnach vom Investor X",
        # "Angeführt werden soll die Runde laut Handelsblatt-Informationen von X": a source between)
        rx(r"\bangeführt (?:(?:wurde|wird|werde|würde|werden soll|werden sollte|worden ist|worden sei) (?:sie |es |(?:die|diese) (?:[\w-]+ )?"
           r"(?:[\w-]*runde|[\w-]*finanzierung|investition|investment|beteiligung|series [a-k]|serie [a-k]) ))?"
           r"(?:(?:demnach|offenbar|wohl|zufolge|laut [\w.-]+(?: [\w.-]+)?) )?(?:(?:wiederum|wieder|erneut|abermals) )?"
           r"(?:von|vom) (?:den |dem |der )?"),
        # inverted: "Angeführt habe die Finanzierungsrunde Horizons Ventures"
        rx(r"^\W*(?:angeführt|geleitet) (?:hat|habe|hatte|haben|hätten|wurde|wird) (?:die|den|das) "
           r"(?:[\w-]*runde|[\w-]*finanzierung|investment) (?:der |die |das |den )?(?:[\w-]*investor(?:en)? )?"),
        # "Federführend investiert hätten die finnische X und die Y": the leads after the fronted verb
        rx(r"^\W*(?:federführend|maßgeblich|angeführt) (?:investiert|beteiligt|eingestiegen) (?:haben|hatten|hätten|hat|"
           r"habe|hätte|sind|seien|waren) (?:sich )?(?:die |der |das |den )?"),
        # "Neben dem Lead-Investor X investierten auch ..."
        rx(r"\bneben (?:dem|der|den) (?:lead-?investor|leadinvestor|hauptinvestor)(?:in|en)? "),
        rx(r"\bunter (?:der )?(?:führung|leitung|federführung) (?:von |des |der |vom )?"),
        # ("Lead: Atomico" with the colon right after the word)
        rx(r"\b(?:lead-?investor|leadinvestor|hauptinvestor|lead)(?:in|innen|en)?(?: der [\w-]+| dieser runde| "
           r"der runde)?(?: (?:ist|war|sind|waren|hat|:)|:) "),
        rx(r"\bals (?:lead-?investor|leadinvestor|hauptinvestor) eingestiegen (?:ist|sind) "),
        rx(r"\bgeleitet (?:von|vom) "),
        rx(r"\bals (?:lead-?investor|leadinvestor|hauptinvestor|lead)(?:in)? (?:fungiert|fungierte|agiert|agierte|tritt|trat) "
           r"(?:der |die |das )?"),
        # inverted: "Die Runde leitete der Investor X", "Die Finanzierung führte X an" is lead_between
        rx(r"\b(?:[\w-]*runde|[\w-]*finanzierung|investment) (?:leitete|leitet|leiteten|leiten|übernahm|"
           r"übernimmt) (?:der |die |das |den )?"),
    ],
    lead_before=[
        rx(r"\s(?:leitete|leitet|leite|leiten|leiteten|führte|führt|führe|führen|führten|anführte|anführt|anführe|"
           r"anführen|anführten) "
           r"(?:die|den|das|eine|einen|ein) (?:[\w-]*runde|finanzierung|investment|investition)"),
        rx(r"\sals (?:lead-?investor|leadinvestor|hauptinvestor) (?:auftrat|fungierte|fungiert|agierte|agiert|beteiligt)"),
        rx(r"\s(?:hat|haben|hatte|hatten|habe|hätten) (?:die|das|den) (?:[\w-]*runde|[\w-]*finanzierung|investment) "
           r"(?:gemeinsam )?(?:angeführt|geleitet)"),
        rx(r"\s(?:übernahm|übernimmt|übernahmen|übernehmen) (?:die )?(?:führung|leitung|federführung)\b"),
        # "Investoren: Planet A Ventures (Lead) und ...": the lead marked after its name
        rx(r"\s?\((?:lead|lead-?investor|federführend)\)"),
    ],
    lead_between=[
        # "..., wobei Visionaries Club die Runde anführt"
        rx(r"\bwobei (?:der |die |das )?(?P<names>[^.;,]{2,60}?) (?:die|den|das) (?:[\w-]*runde|[\w-]*finanzierung|investment) "
           r"(?:anführt|anführte|leitet|leitete|angeführt hat|geleitet hat)\b"),
        rx(r"\b(?:führt|führte) (?:der |die |das )?(?P<names>[^.;,]{2,80}?) an\b"),
        rx(r"\b(?:runde|finanzierung|finanzierungsrunde|series [a-k]|serie [a-k]|seed-runde|seed-finanzierung) "
           r"(?:führt|führte|leitet|leitete) (?:der |die |das )?(?P<names>[^.;]{2,80}?) an\b"),
        # ... or its attribute: "In einer von Earlybird angeführten Runde", "der vom VC X geleiteten Finanzierung"
        rx(r"\b(?:von|vom) (?P<names>[^.;]{2,100}?) (?:angeführt|geleitet|angef[üu]hrt)(?:e[nmrs]?)?\b"),
        rx(r"(?P<names>[^,.;]{2,80}), (?:der|die|das) [^.;]{0,80}?(?:die|den) (?:[\w-]*runde|finanzierung) "
           r"(?:anführt|anführte|leitet|leitete)\b"),
    ],
    investors_after=[
        # (never "beteiligt sich mit einem Betrag an ...": what follows is the stake, not a backer)
        rx(r"\bbeteilig(?:t|ten|en) sich (?!mit\b|an\b|am\b)(?:(?:zudem|außerdem|auch|ebenfalls|daneben|u\.a\.|unter anderem|"
           r"erneut) )*(?:die |der |den )?(?:vcs |investoren )?"),
        rx(r"\binvestier(?:t|te|ten|en) (?:(?:zudem|außerdem|auch|ebenfalls|daneben) )*(?:unter anderem|u\.a\.|auch|zudem|"
           r"außerdem|ebenfalls) (?:der |die |das |den )?(?-i:(?=[A-ZÄÖÜ]))"),
        rx(r"\b(?:bestandsinvestor(?:en)?|altinvestoren|altgesellschafter(?:n)?|investoren|"
                         r"geldgeber(?:n)?|gesellschafter(?:n)?|anteilseigner(?:n)?|business[- ]angels?|vcs?|"
                         r"kapitalgeber(?:n)?):? (?:wie |darunter |u\.a\. |unter anderem |allen voran |namens )?"),
        rx(r"\bdarunter (?:auch )?"),
        rx(r"\bzu den (?:neuen |bisherigen |bestehenden |weiteren |übrigen )?(?:investoren|geldgebern|kapitalgebern|gesellschaftern)"
           r"[^.]{0,50}? (?:gehör(?:en|ten|t|te)|zähl(?:en|ten|t|te)) (?:unter anderem |u\.a\. )?(?:auch )?"
           # "gehört ein US-Fonds (aus Kanada) mit dem Namen X": the name after its description
           r"(?:(?:ein|eine|der|die|das) (?:[\w-]+ ){1,4}?(?:mit dem namen|namens) )?"),
        rx(r"\bneu dabei (?:sind|ist|waren) (?:beispielsweise |unter anderem |u\.a\. |etwa )?"),
        # "Neuer Investor ist X", "Neue Geldgeber sind X und Y"
        rx(r"\b(?:neue[rn]?|weitere[rn]?|zusätzliche[rn]?) (?:investor(?:en)?|geldgeber|kapitalgeber|gesellschafter) "
           r"(?:ist|sind|war|waren) (?:der |die |das )?"),
        rx(r"\b(?:mit dabei|beteiligt|ebenfalls beteiligt|an bord)(?: (?:sind|waren|ist|war)|:) (?:auch |zudem |außerdem |unter anderem |u\.a\. )?"),
        # fronted participle: "Investiert haben u.a. X und Y", "Beteiligt haben sich außerdem X"
        rx(r"^\W*(?:investiert|beteiligt|eingestiegen|engagiert) (?:haben|hat|sind|ist) (?:sich )?"
           r"(?:(?:unter anderem|u\.a\.|auch|zudem|außerdem|ebenfalls|erneut) )*"),
        rx(r"\b(?:kommt|kam|stammt|stammen|gibt es|gab es) (?:unter anderem |u\.a\. )?(?:von|vom) "),
        rx(r"\bunterstützt (?:wird|wurde|werden|wurden) [^.;]{0,40}?\bvon (?:den |dem |der )?"),
        rx(r"\ban der seite (?:von |des |der |vom )"),
        rx(r"\b(?:zudem|außerdem|ebenfalls|auch|daneben|ferner|weiterhin) (?:investier(?:t|te|ten|en)|beteilig(?:t|te|ten|en) sich) "
           r"(?:(?:auch|zudem|außerdem|ebenfalls|u\.a\.|unter anderem) )*(?-i:(?=[A-ZÄÖÜ]))"),
        rx(r"\bhinter (?:der|dem|den) (?:[\w-]*runde|[\w-]*finanzierung|investment|startup|unternehmen|firma) "
           r"(?:stehen|steht|standen|stand) (?:unter anderem |u\.a\. |vor allem )?(?:der |die |das |den )?"),
        rx(r"\b(?:[\w-]*runde|[\w-]*finanzierung|summe) (?:stemmen|stemmt|stemmten|stemmte|tragen|trägt|trugen|trug) "
           r"(?:unter anderem |u\.a\. |vor allem )?(?:der |die |das |den )?"),
        rx(r"\b(?:euro|dollar|franken|mio\.|millionen|milliarden)\b[^.;]{0,30}?\b(?:von|vom) "
           r"(?!investoren|kapitalgebern|geldgebern|der |dem |den )"),
        # "hat eine Seed-Finanzierung von X erhalten", "frisches Kapital vom VC Y"
        rx(r"\b(?:[\w-]*finanzierung|[\w-]*runde|investment|kapital|finanzspritze|kapitalspritze) "
           r"(?:in (?:[\w-]+ ){1,2}höhe )?(?:von|vom) "
           r"(?!investoren|kapitalgebern|geldgebern|\d)(?-i:(?=(?:[a-zäöü-]+ ){0,3}[A-ZÄÖÜ]))"),
    ],
    investors_between=[
        # a relative clause after the round: "..., an der sich Earlybird und Cherry Ventures beteiligten"
        rx(r"\b(?:an der|an dem|an welcher) sich (?:(?:auch|zudem|außerdem|ebenfalls|unter anderem|u\.a\.) )*(?:der |die |das )?"
           r"(?P<names>(?-i:[A-ZÄÖÜ])[^.;]{1,120}?) (?:beteiligten|beteiligte|beteiligt haben|beteiligt hatten|beteiligen)\b"),
        # a fronted amount, the backers after their verb: "12 Millionen Euro investieren Earlybird und Cherry Ventures"
        rx(r"\b(?:euro|dollar|franken|mio\.|millionen|milliarden|chf|eur|usd)\s+(?:investieren|investierten|investiert|investierte|"
           r"steuern|steuerten|steuert|steuerte|geben|gaben|stecken|steckten) (?:(?:unter anderem|u\.a\.|dabei) )?(?:der |die |das )?"
           r"(?P<names>(?-i:[A-ZÄÖÜ])[^.;]{1,120}?)(?=\s*(?:[.;]|$| in\b| bei\b| zu\b| bei\b))"),
        # the verb before its backers after a fronted clause: "Wie das Startup mitteilte, investieren
        # Earlybird und Cherry Ventures 12 Millionen Euro" (the amount right after the names)
        rx(r"\b(?:investieren|investierten|investiert|investierte|stecken|steckten|steckt|steckte) "
           r"(?:(?:jetzt|nun|dabei|gemeinsam|zusammen|unter anderem|u\.a\.) )*(?:der |die |das )?"
           r"(?P<names>(?-i:[A-ZÄÖÜ])[^.;]{1,100}?) (?=(?:(?:insgesamt|zusammen|gemeinsam|rund|knapp|über|mehr als|weitere) )?\d)"),
        # "Neben Nordkap Capital sind auch Y und Z dabei": the name after "neben" is a backer too
        rx(r"\bneben (?:(?:dem |der |den )(?:(?:lead-?)?investor(?:en)?|vc|fonds|geldgeber) )?(?P<names>(?-i:[A-ZÄÖÜ])[^.;,]{1,60}?) "
           r"(?=(?:sind|ist|waren|war|beteilig\w*|investier\w*|steig\w*|haben|hat)\b)"),
        rx(r"\bsteig(?:t|en|t auch|en auch) (?:der |die |das )?(?P<names>[^.;,]{2,80}?) (?:beim|bei der|bei dem|bei) "),
        # ("Nun steigt Earlybird ein", never "X steigt bei Velbix ein": what follows "bei" is the company)
        rx(r"\bsteig(?:t|en) (?:der |die |das )?(?!(?:bei|beim)\b)(?P<names>[^.;,]{2,80}?) (?:neu |ebenfalls |auch |zudem |erstmals )*ein\b"),
        # "außerdem sind X und Y dabei", "Ebenfalls mit an Bord ist Z"
        rx(r"\b(?:außerdem|zudem|auch|ebenfalls|ferner) (?:sind|ist|waren|war) (?:auch |erneut |wieder )?(?:der |die |das )?"
           r"(?P<names>[^.;]{2,120}?) (?:mit )?(?:dabei|an bord)\b"),
        rx(r"\b(?:sind|ist|waren|war) (?:auch|zudem|außerdem|ebenfalls) (?:der |die |das )?"
           r"(?P<names>(?-i:[A-ZÄÖÜ])[^.;]{1,120}?) (?:mit )?(?:dabei|an bord)\b"),
        # "An der Runde nahmen auch X und Y teil"
        rx(r"\b(?:nahmen|nahm|nehmen|nimmt) (?:(?:auch|zudem|außerdem|ebenfalls|unter anderem|u\.a\.) )*(?:der |die |das )?"
           r"(?P<names>[^.;]{2,120}?) teil\b"),
    ],
    investors_before=[
        rx(r"\s(?:beteiligten|beteiligen) sich\b"),
        # "X und Y als weitere große Geldgeber", "mit X als neuem Investor"
        rx(r"\s(?:als|zu den) (?:weitere[nmr]? |neue[nmr]? )?(?:große[nmr]? |namhafte[nmr]? |strategische[nmr]? )?"
           r"(?:geldgeber[n]?|investoren|investor(?:en)?|kapitalgeber[n]?|anteilseigner[n]?|gesellschafter[n]?)\b"),
        rx(r"\s(?:beteiligt|beteiligte) sich (?=mit\b)"),  # "Der VC X beteiligt sich mit 2 Mio. Euro an Y"
        rx(r"\s(?:beteiligt|beteiligte) sich(?=\s*(?:[.,;]|$|(?:ebenfalls|auch|zudem|außerdem|erneut|an der)\b))"),
        rx(r"\s(?:haben|hat|hatten|hatte) sich (?:(?:ebenfalls|auch|zudem|außerdem|erneut) )*beteiligt\b"),
        rx(r"\s(?:etwa |zuletzt |auch )?(?:investierten|investieren|steckten|stecken)\s"),
        # "Der VC X steigt mit 5 Mio. Euro bei Y ein": the one who enters is the investor
        rx(r"\s(?:steigt|steigen|stieg|stiegen) (?=(?:(?:ebenfalls|auch|nun|jetzt|erneut) )?(?:mit|bei|beim)\b)"),
        # "Der VC X investiert 4 Mio. Euro in ...", but not "..., der in N26 und Raisin investiert hat"
        rx(r"\s(?:investiert|investierte|steckt|steckte)\s(?!hat|haben|hatte|hatten|hätten|hätte|habe|ist|sind|war|waren|wurde|"
           r"wurden|worden|werden|wird|seien)"),
        rx(r"\s(?:waren|sind|ist|war) (?:ebenfalls |auch )?(?:erneut |wieder )?(?:mit )?(?:dabei|an bord)\b"),
        rx(r"\s(?:stocken|stockt|stockte|stockten) (?:ihre|seine) beteiligung"),
    ],
    list_stop=rx(_NAMES_END),
    receive_verbs=rx(
        r"\b(?:erhält|erhielt|erhalten|bekommt|bekam|bekommen|sammelt|sammelte|sammeln|eingesammelt|"
        r"sichert|sicherte|gesichert|holt|holte|geholt|kassiert|kassierte|zieht|zog|nimmt|nahm|"
        r"aufgenommen|wirbt|warb|eingeworben|zusammenbekommen|verbucht|verbuchte|landet|landete|"
        r"stockt|stockte|aufgestockt|streicht|strich|eingestrichen)\b",
    ),
    # ", insgesamt hat X damit bisher 14 Mio. erhalten": the total is its own clause
    clause_break=rx(r"[;:—–]|, (?:während|aber|doch|und|wobei|insgesamt|bisher|bislang)\b"),
    # "X investiert in das Start-up Y", "X beteiligt sich am Insurtech Y", "X steigt beim Start-up Y
    # ein": present or past, never "will ... investieren" (a plan; the verb stands at the end then)
    investor_moves=rx(
        r"\b(?:investier(?:t|te|ten|en)|beteilig(?:t|te|ten|en) sich|(?:steig(?:t|en)|stieg(?:en)?)(?=[^.;]{0,80}?\sein\b)|"
        r"steck(?:t|te|ten|en) (?:frisches |neues )?(?:geld|kapital))"
        r" (?:(?:nun|jetzt|nun auch|erstmals|ebenfalls|auch|bereits|strategisch|als [\w-]+) ){0,2}"
        # "investiert gemeinsam mit Altinvestoren wie Seedcamp eine siebenstellige Summe in X": the
        # co-investors the mover brings along stand before what it invests in
        r"(?:(?:gemeinsam|zusammen) mit (?:[\w.&'-]+ ){1,6}?)?"
        # "steigt über seine Stiftung bei der Firma X ein": the vehicle is no object
        r"(?:(?:über|via|mit) (?:seine[nmr]?|ihre[nmr]?|die|den|das|eine[nmr]?) [\w-]+ )?"
        # "investiert eine sechsstellige Summe in X": a withheld amount is no figure the money reader sees
        # ... or "beteiligt sich mit einem siebenstelligen Betrag an dem Unternehmen"
        r"(?:(?:mit )?(?:eine|einen|einem|einer) (?:[\w-]+ ){0,2}(?:summe|betrag|millionenbetrag) )?"
        r"(?:(?:in|an) (?:das|den|die|dem)|in|am|beim|bei (?:dem|der|den))\s",
        # a backer raising its stake: "Der Hauptgesellschafter erhöht seine Beteiligung an X um weitere
        # 21 Mio. Euro", "stockt sein Engagement bei X auf"
        r"\b(?:erhöh(?:t|te|ten|en)|stock(?:t|te|ten|en)) (?:(?:nun|jetzt|erneut|bereits) )?(?:seine|ihre|die|sein|ihr) "
        r"(?:[\w-]+ )?(?:beteiligung|anteile?|engagement|investment) (?:an (?:dem|der|den)|am|an|bei (?:dem|der)|beim|bei)\s",
        # perfect tense, the participle after the company: "X hat in das Start-up Y investiert",
        # "X hat sich an dem Insurtech Y beteiligt", "X ist beim Start-up Y eingestiegen"
        r"\b(?:hat|haben|hatte|hatten)(?: sich)? (?:(?:nun|jetzt|nun auch|erstmals|ebenfalls|auch|bereits|"
        r"strategisch) ){0,2}(?:(?:in|an) (?:das|den|die|dem)|in|am)\s(?=[^.;]{2,80}?\s(?:investiert|beteiligt)\b)",
        r"\b(?:ist|sind|war|waren) (?:(?:nun|jetzt|nun auch|erstmals|ebenfalls|auch|bereits|strategisch) ){0,2}"
        r"(?:beim|bei (?:dem|der|den)|bei)\s(?=[^.;]{2,80}?\seingestiegen\b)",
        # a backer leading a named company's round: "X führt die Series A bei Y an", "X leitet die
        # Seed-Runde von Y"; the round belongs to the company after "bei"/"von"
        r"\b(?:führ(?:t|te|en|ten)|leite(?:t|te|n|ten)) (?:(?:nun|jetzt|auch|bereits) )?(?:die|eine) "
        r"(?:[\w-]+ ){0,2}?(?:[\w-]*(?:runde|finanzierung)|series[ -]?[a-h]|serie[ -]?[a-h]) "
        r"(?:beim|bei (?:dem|der)|bei|vom|von (?:dem|der)|von)\s"),
    funded_subject=rx(
        # ("hat laut Firmenbuch frisches Geld ... bekommen": a source may stand before the money)
        r"\s(?:haben|hat|konnten|konnte) (?:laut [\w-]+ |nach eigenen angaben |offenbar )?"
        r"(?:ebenfalls |auch |zudem |außerdem |beide |jeweils )?(?:frisches |neues |weiteres )?"
        # "hat Kapital von Investoren eingesammelt": who gave it may stand before the participle
        r"(?:geld|kapital|finanzierungen?|investments?) (?:(?:von|bei) (?!(?:\w+ )?(?:kunden|nutzern|käufern|"
        r"abonnenten|spendern|mitgliedern|partnern)\b)(?:[\w.-]+ ){1,4}?)?"
        r"(?:erhalten|eingesammelt|bekommen|eingeworben|an land gezogen)\b",
        # "X hat laut Handelsregister eine Kapitalerhöhung durchgeführt": new capital, its size untold
        r"\s(?:hat|haben) (?:laut [\w-]+ |offenbar |nun |jetzt )?(?:eine |ihre |seine )?(?:weitere |neue )?kapitalerhöhung "
        r"(?:durchgeführt|abgeschlossen|vorgenommen)\b",
        # "X holt sich frisches Geld bei Investoren", "X sichert sich neues Kapital"
        r"\s(?:holt|holte|holen|sichert|sicherte|sichern|erhält|erhielt|erhalten|bekommt|bekam|bekommen|sammelt|sammelte|"
        r"sammeln) (?:sich )?(?:nun |jetzt |erneut |ebenfalls |auch )?(?:frisches|neues|weiteres) (?:geld|kapital)\b"),
    recipients_intro=rx(
        r"\bzu den (?:geförderten|ausgewählten|finanzierten|unterstützten) (?:start-?ups|unternehmen|teams|firmen|"
        r"projekten)[^.;]{0,40}? (?:gehören|zählen|gehörten|zählten)\s+(?:unter anderem |u\.a\. |auch )?",
        r"\b(?:gefördert|unterstützt|finanziert) (?:werden|wurden) (?:unter anderem |u\.a\. |etwa |zudem |außerdem )?"
        # a capital is no name in German: "Gefördert werden Entwicklungsprojekte in den Bereichen KI, ..."
        # tells what a programme pays for, not who got it
        r"(?![\w-]*(?:projekte|vorhaben|ideen|gründungen|investitionen|maßnahmen|bereiche|themen|kosten|ausgaben)\b)"
        r"(?=(?-i:[A-ZÄÖÜ]))",
        r"\bdie (?:geförderten|ausgewählten) (?:start-?ups|unternehmen|teams|firmen) (?:sind|waren|heißen)\s+",
        r"\b(?:folgende|diese) (?:start-?ups|unternehmen|teams|firmen) (?:erhalten|bekommen|erhielten|bekamen) "
        r"[^.;:]{0,60}?:\s+",
        r"\bunter den (?:geförderten|empfängern|förderempfängern)[^.;]{0,30}? (?:sind|waren|befinden sich)\s+"
        r"(?:unter anderem |u\.a\. |auch )?"),
    recipients_context=rx(r"\b(?:förder\w*|gefördert|finanzier\w*|zuschuss|zuschüsse|stipendi\w*|investiert|"
                          r"investment|kapital|finanzierungsrunde|geld)\b"),
    company_gets=rx(
        r"\b(?:erhält|erhielt|bekommt|bekam|holt sich|holte sich|sichert sich|sicherte sich) "
        r"(?:(?:frisches|neues|weiteres|ein|eine|einen|strategisches|zusätzliches) ){0,2}"
        r"(?:Geld|Kapital|Investment|Finanzierung|Unterstützung|Wachstumskapital|Risikokapital|Millionen) von |"
        r"\b(?:holt|holte|gewinnt|gewann|(?:hat|haben)(?=[^.;:]{1,100}\sgewonnen\b)) (?P<names>(?-i:[A-Z])[^.;:]{1,80}?) "
        r"als (?:neuen |weiteren |strategischen |ersten )?(?:Investor(?:en)?|Geldgeber|Gesellschafter|Anteilseigner)\b"),
))
