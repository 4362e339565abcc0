"""English funding grammar: "X raised $5M in a Series A led by Y with participation from Z"."""

from __future__ import annotations

from extraction.grammar import Grammar, register, rx

_NAMES_END = (
    # a dot inside a name ("Sauce.vc", "Maki.vc") ends nothing
    r"\.(?!(?-i:[a-z]{2,}))|[;:!?$€£₹]|"
    # people, not firms, close a list: "Gaingels and a group of operators including former executives of Bill.com"
    r"\s(?:a (?:group|handful|clutch|number|host|slew|roster) of|former (?:executives|employees|founders|leaders))\b|"
    r"\s(?:about |around |over )?\d+(?:[.,]\d+)?\s?(?:mn|m|bn|b|million|billion|crore)\b|\s(?:with participation|with|to|for|in order|which|who|that|while|as part|at a|at an|"
    r"on|after|before|bringing|valuing|to help|among others|and others|and other|among|amid|"
    r"according|alongside existing|in|at|into|it|its|their|has|have|had|"
    r"was|were|is|are|also|said|says|will|would|earlier|last|this)\b|,?\sand including|,?\s(?:and\s)?(?:alongside|together with|along with|joined by|followed by)\b|,?\s(?:and\s)?(?:included|includes|saw|drew|"
    r"featured)\b|,\s(?:which|who|the|a|an|"
    r"according|bringing|taking|while|with|as|said|says)\b|"
    # "led by X, sources told Reuters", ", two people familiar with ...": a reporting clause ends the list
    r",\s(?:(?-i:[a-z0-9][\w-]*)\s){0,3}?(?-i:sources?|people|persons?|spokesp\w+)\b"
)

GRAMMAR = register(Grammar(
    code="en",
    funding_cue=rx(
        r"\b(?:raise[sd]?|raising|secure[sd]?|securing|closed?|closes|closing|bag(?:s|ged)?|land(?:s|ed)|"
        r"nab(?:s|bed)|snag(?:s|ged)?|pick(?:s|ed) up|scoop(?:s|ed|ing)? up|receive[sd]?|gets|got|"
        r"attract(?:s|ed)?|complete[sd]?|bank(?:s|ed)|pull(?:s|ed) in|net(?:s|ted)|grab(?:s|bed)?|"
        r"lock(?:s|ed)? (?:in|up)|rake[sd]? in|haul(?:s|ed)? in|reel(?:s|ed)? in|scor(?:es|ed)|"
        r"clinch(?:es|ed)|wrap(?:s|ped)? up|notch(?:es|ed)|garner(?:s|ed)?|obtain(?:s|ed)?|"
        r"top(?:s|ped)? up|infuse[sd]?|fundrais\w*|war chest)\b",
        # an extension: "Kivora adds $10M to its Series A", "extends its seed round with $2M"
        r"\badd(?:s|ed)?\b[^.;]{0,40}\bto (?:its|the|their) (?:[\w-]+ ){0,2}(?:series|seed|round|funding)\b|"
        r"\bextend(?:s|ed)? (?:its|the|their) (?:[\w-]+ ){0,2}(?:series|seed|round)\b|"
        # "has expanded its Series B with another $45 million", "tacks $45M onto Series B"
        r"\b(?:expand(?:s|ed)?|upsize[sd]?) (?:its|the|their) (?:[\w-]+ ){0,2}(?:series|seed|round)\b|"
        r"\btack(?:s|ed)?\b[^.;]{0,40}\bon(?:to)? (?:its |the |their )?(?:[\w-]+ ){0,2}(?:series|seed|round)\b",
        r"\b(?:funding|financing|round|investment|invest(?:s|ed|ing)?|backing|injection|led|leads?|"
        r"leading|co-led|backed|backs|capital|seed|series|pour(?:s|ed)?|pump(?:s|ed)?|inject(?:s|ed)?|"
        # grants to a named company are rounds too: "has been awarded a EUR 2.5M grant"
        r"grants?|awarded|(?:debt|credit|loan|warehouse) (?:facility|line))\b",
    ),
    subject_verbs=rx(
        r"\b(?:has|have|had|is|was|were|are)?\s*(?:just |now |recently |also |officially |reportedly |"
        r"successfully |quietly |finally |previously |earlier |already )?(?:raised|raises|raise|raising|secured|secures|closed|closes|"
        r"landed|lands|bagged|bags|nabbed|nabs|snagged|snags|received|receives|got|gets|picked up|"
        # a grant's award: "Ferrolith Inc. will receive $3.2 million to develop ..."
        r"(?<=will )receive|(?<=would )receive|(?<=to )receive|"
        r"picks up|scooped up|scoops up|scooping up|attracted|attracts|completed|completes|banked|banks|"
        r"pulled in|pulls in|collected|collects|obtained|netted|nets|grabbed|grabs|took in|takes in|"
        r"locked in|locks in|locked up|locks up|raked in|rakes in|hauled in|hauls in|reeled in|reels in|"
        r"scored|scores|clinched|clinches|wrapped up|wraps up|notched|notches|garnered|garners|obtains|"
        r"topped up|tops up|adds|added|extends|extended|expanded|expands|upsized|upsizes|tacks|tacked|tacks on|tacked on|"
        r"(?:is|was|forms|formed|comes as|came as) (?:a )?part of (?:a|an|the|its) (?:wider |larger |broader |bigger )?(?=[\w$€£])|"
        r"announced|announces|drew|draws|won|wins|(?:has been |have been |was |were )?awarded|in talks to raise|set to raise|looking to raise|"
        # the passive of backing: "Kelvo has been backed with $4 million by X", "was funded with"
        r"(?:has been |have been |was |were |is |are )(?:newly |also |now )?(?:backed|funded|financed|capitali[sz]ed) with|"
        r"seeking to raise|said to be raising|nears|is nearing|eyes|is eyeing|(?:set|poised|about|close) to "
        r"(?:close|raise|finali[sz]e|finali[sz]ing|closing|raising))\b|"
        # "is in talks with investors about a raise of up to €10m"
        r"\bin\W{0,2}(?:advanced |early |final )?(?:talks|discussions)\W{0,2} (?:with (?:new |potential )?investors )?"
        r"(?:for|to raise|about|over)\b|"
        # round-ups: "Orbix led the list with $50 million in debt funding", "Ruvido topped the chart with"
        # "Ziva Foods led the funding charts this week with its $60 Mn Series C round"
        r"\b(?:led|leads|topped|tops|headed|heads)(?: the (?:funding |weekly |deal )?(?:list|chart|charts|pack|tally|ranking|rankings|table|"
        r"leaderboard)(?: this (?:week|month|quarter))?)? with\b",
    ),
    fronted_verbs=rx(r"^\s*(?:went|goes|go) (?:to|into)\s+"),
    bet_before=rx(r"\b(?:bets|bet|betting|wagers|places? a)\s+(?:another\s+|a further\s+)?$"),
    bet_after=rx(r"^(?:\s+bet)?\s+on\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?=(?-i:[A-Z]))"),
    cleft=rx(r"^\s*[:,–—]\s*(?:that|this)(?:['’]s| is) (?:how much|the amount|what|the sum)\s+(?:the \w+ startup\s+)?"
             r"(?=(?-i:[A-Z])[\w.&'’-]*(?:\s(?-i:[A-Z])[\w.&'’-]*){0,2}\s+(?:has\s+|have\s+|just\s+)*(?:raised|secured|closed|landed|bagged)\b)"),
    object_link=rx(
        # never across a purpose infinitive: "$20M to build its first factory in Ohio"
        r"^\s*(?:\([^)]{0,60}\)\s*)?(?:(?!to\s)[\w+-]+\s){0,5}?(?:round |funding |financing |investment |"
        r"raise |injection |deal )?(?:in|into|for) (?=\S)|"
        # "we've led the €5M seed round of Fjord ApS": the round's owner after "of", a name
        r"^\s*(?:[\w+-]+\s){0,2}?(?:round|financing) of (?=(?-i:[A-Z])(?!eries\b)[\w.&-]+)"
    ),
    # a round told without its company's name ("The round was led by X", "the startup has now raised
    # $21M") is the article's sure subject's: named up front and repeated (see Grammar.orphan_cue)
    # orphan_cue=rx(r"\b(?:round|investors)\b"),
    anaphora=rx(
        r"\b(?:the|this|that) (?:[\w-]+ ){0,3}?(?:company|startup|start-up|firm|business|platform|"
        r"app|maker|provider|developer)\s*$",
        r"^(?:it|they|its)$",
        # "The investment is part of a wider PLN 40 million Series A extension": the round just told
        r"^(?:the|this) (?:strategic )?(?:investment|stake)$",
    ),
    skip_before=rx(
        r"\b(?:acqui\w*|bought|buy(?:s|ing)?|purchase[sd]?|takeover of|sold|sells|sale of|merger|"
        r"(?<!pre-)(?<!pre )ipo|initial public offering|listing|revenue|revenues|sales|turnover|profit|loss|losses|"
        r"ebitda|arr|gmv|market (?:cap|value|size)|budget|spend(?:s|ing)?|costs?|prices?|salary|"
        r"wages|damages|fine|settlement|allocation|allocated|facilitated|approved|disbursed|"
        r"(?<!raise )(?<!raising )(?<!raises )(?<!round of )(?<!raise of )(?<!series [a-k] of )up to|between|ranging|cheque sizes?|check sizes?|tickets?|checks|cheques|worth|total(?:ling)? of|"
        r"a total|totalling|totaling|combined|together|altogether|average|median|record|"
        r"assets under management|aum|volume|size of|esops?|stake worth|paid|pay|pays|"
        # a listed company's revolver: "upsized its revolving credit facility to $400 million"
        r"fund(?:s)? of|commitments? of|targets?|aims to raise|hard cap|revolving|revolver|"
        # a licence deal's money: "an upfront payment of $45 million", "milestone payments of up to $650 million"
        r"up-?front(?: payments?| fees?)?|milestones?(?: payments?)?|licen[cs](?:e|ing) fees?|royalt(?:y|ies)|"
        # a competition's prize: "the top prize of $50,000" (an award is no round; a grant is)
        r"prize|prize money|prizes)\W+(?:\w+\W+){0,3}$",
        r"\b(?:in|for) (?:the )?(?:first|second|third|fourth|last) (?:quarter|half)\b.{0,40}$",
        # the old figure of a resize: "to $400 million from $250 million"
        r"\bto\W+[\d.,]+\s?(?:million|billion|bn|mn|m|b)?\s+from\W+$",
        r"\b(?:sold|sells|selling|sale of)\b[^,;]{0,50}\b(?:for|at)\W+$",  # "sold the company to Siemens for $300M"
        # "..., bringing its total funding to $14M": the running total, not the round
        r"\b(?:bringing|brings|brought|taking|takes|lifting|pushing)\s+(?:its|the|their|his|her)\s+"
        # "brings the company's total Series A to $24 million": a possessive is one of the words
        r"(?:[\w'’-]+\s+){0,4}(?:to|at)\W+(?:\w+\W+){0,1}$",
    ),
    skip_after=rx(
        # "from Lakeside Health Fund" names a backer, not a fund being raised
        r"^\W{0,3}(?!(?:from|by)\s(?-i:[A-Z]))(?:\w+[- ]){0,3}?(?:funds?|vehicle|fund-of-funds|programme|program|budget|market|"
        # "won the £50,000 top prize", "taking home $250,000 in prize money"
        r"prize|prizes|in prize money|"
        r"revenue|in revenue|in sales|in annual|(?:funding |grant )?(?:window|call for proposals)|a year|per year|per month|a month|annually|"
        r"in market value|market cap|combined|in total|in funding (?:this|last) (?:week|month|year|quarter)|"
        r"across|spread across|in losses|in profit|worth of|in assets|of assets|greenshoe|"
        # a cash balance, not a raise: "more than $60 million in the bank"
        r"in the bank|in reserves|on (?:its|the) balance sheet|of runway|in cash reserves|"
        # several awards summed: "has previously secured $14 million in cost-share awards from the DOE"
        r"in (?:[\w-]+ ){0,2}?awards|"
        # a company's own outlay: "part of a wider €12 million spending plan"
        r"(?:spending|investment|capex|expansion|infrastructure) (?:plan|programme|program)|"
        r"in approved|in loans|acquisition|deal to (?:buy|acquire)|buyout|contracts?|orders?|tender|"
        r"penalty|fine|settlement|lawsuit|compensation|award|in damages|bonus|salary|(?<!pre-)ipo|offering)\b|"
        r"^\W{0,3}(?:in|during) (?:the )?(?:first|second|third|fourth|last|past) (?:quarter|half|six months)\b",
        # a campaign's aim, not its take: "three times its $1 million minimum target"
        r"^\W{0,3}(?:minimum |maximum |min\. |initial |original |fundraising |funding |campaign )?(?:target|goal)\b",
        r"^\W{0,3}(?:[\w-]+ ){0,2}?(?:in|from|through|via|with|at) (?:its|the|their|a|an|his|her) (?:[\w-]+ ){0,3}?"
        r"(?:(?<!pre-)ipo|(?:public )?offering|(?:stock market |public |direct )?listing|flotation|"
        r"(?:stock market |market |trading |nasdaq |nyse )?debut)\b",
    ),
    skip_clause=rx(
        r"\b(?:acquir\w+|acquisition|takeover|merger|bought|buys|purchase of|(?<!pre-)(?<!pre )ipo|went public|"
        r"initial public offering|public offering|(?:goes|going|go|gone) public|direct listing|"
        r"(?:stock market|trading|market) debut|(?:priced|pricing|prices) (?:its |the )?(?:shares|stock|ipo|offering)|"
        r"(?:previous|prior|predecessor|earlier|debut|inaugural|maiden|flagship|first|second|third|fourth|"
        r"fifth|sixth|seventh|eighth|ninth|tenth|latest|newest|last) (?:[\w-]+ ){0,2}?fund\b|"
        r"fund (?:i{1,3}|iv|v|vi{1,3}|ix|x|\d{1,2})\b|"
        # "24 Indian startups collectively raised $287 million": an adverb may stand between
        r"start-?ups (?:(?:have |had )?(?:collectively|together|cumulatively|jointly|altogether) )?(?:raised|raise|have raised|secured|secure|attracted|attract)|"
        r"companies (?:raised|have raised)|raised by (?:[\w-]+ ){0,2}?(?:start-?ups|companies|firms)(?! (?-i:[A-Z]))|ecosystem|\d+ deals|"
        r"across \d+|estimated to be|fundraising environment|compared (?:to|with)|year-(?:on|over)-year|"
        r"in q[1-4]\b|in h[12]\b|per cent|percent|"
        r"(?:its|their|a|the|new) (?:own )?(?:[\w-]+ ){0,3}fund\b|first close|final close|fund i+\b|"
        r"raises prices|price (?:of|for|rise|increase|hike)|subscription|layoffs?|laid off|lawsuit|sued|grants? program|government|ministry|"
        r"these startups|many startups|unicorns? (?:valued|are)|market size|is valued|was valued|"
        # "climate-focused venture funds raised about $9 billion globally": the asset class's money
        r"(?:venture|vc|investment) (?:firms|funds) (?:raised|have raised|closed|secured)|"
        # prize money and listings: "Runners-up X and Y each received $250,000", "first prize", "bankers expect
        # the offering to raise"
        r"runners?-up|(?:first|second|third|grand|top) prize|prize money|pitch competition|"
        r"bankers expect|underwriters|the offering to raise|"
        # a crypto token sold to the public is no investor round: "its ARCW public token sale raised $42M",
        # "plans a public sale of its governance token, aiming to raise $15 million"
        r"token (?:sale|offering|generation event)|(?:public|community) sale of (?:its |the |a )?(?:[\w-]+ ){0,3}?tokens?|"
        r"initial coin offering|\bico\b|"
        # an investor's money going out: "plans to deploy $500M into startups", "checks of $2M to $6M"
        r"(?:checks|cheques|tickets|check sizes?) (?:of|between|from|ranging)|"
        r"(?:deploy|invest)(?:s|ing)? [^.;]{0,30}\b(?:in|into|across) (?:[\w-]+ ){0,3}?(?:startups|start-ups|companies|founders)|"
        # a company's or accelerator's own spending planned: "plans to invest $30 million this year in AI
        # features", "will invest $250,000 in each of up to 20 startups"
        r"(?:plans? to|will|to) invest (?:[^.;]|(?<=\d)\.(?=\d)){0,40}?\b(?:in|on) (?:each|its|new|more|ai|r&d|"
        r"research|product|hiring|marketing|features?|infrastructure|capacity)\b|"
        # "X is one of a handful of companies to raise rounds of more than $1B": a class, not a round
        r"one of (?:a handful of |the |only |few |several |many )?(?:[\w-]+ ){0,6}?(?:companies|startups|firms) to|"
        r"valued at|once valued|refinanc(?:e|ed|es|ing)|"
        # a class of companies: "Past winners have gone on to raise more than $60 million"
        r"(?:gone|went) on to raise|(?:past|previous|former) (?:winners|alumni|graduates|participants|finalists|cohorts?)|"
        # a listed company's debt paper: "raised Rs 2,000 crore through the issue of non-convertible debentures"
        r"bond (?:issue|issuance|sale|offering)|issue of (?:[\w-]+ ){0,3}?(?:bonds|debentures|notes)|"
        # a VC firm's own fundraising: "raised $163 million in capital commitments, exceeding its target"
        r"capital commitments|commitments from|limited partners|hard cap|cap of|(?:its|a) target of|exceeding its|"
        # "the payment industry attracted $500 million": a sector's money
        r"(?:industry|sector|market|ecosystem) (?:has |have |had )?(?:attracted|raised|received|drew|secured)|"
        # a listed company's share sales and state support are no venture rounds
        r"at-the-market|follow-on offering|secondary offering|rights issue|share sale|selling (?:new )?shares|"
        r"share placement|placing of new shares|guarantees?|bailout|state aid|"
        # business won, not money raised: "landed a $3M deal with Walmart to supply software"
        r"(?:deal|agreement|contract) with (?:[\w.&-]+ ){1,5}?to (?:supply|provide|deliver|build|sell|distribute|develop|"
        r"install|operate)|(?:supply|licensing|distribution|commercial|procurement|offtake) (?:deal|agreement|contract))\b",
        # a company spending on its own plant: "will invest $3 billion to build a new fab"
        r"\binvest(?:s|ed|ing)?\b(?:[^.;]|(?<=\d)\.(?=\d)){0,40}?\b(?:to (?:build|construct|set up|expand|open) |in )(?:a |an |its |the )?"
        r"(?:new |second |first )?(?:[\w-]+ ){0,4}?(?:factory|factories|plant|plants|fab|fabs|gigafactory|facility|"
        r"facilities|data cent(?:er|re)s?|warehouses?|production lines?)\b",
    ),
    # "which had raised $4 million from investors since 2021": every round since a year
    cumulative_after=rx(r"^\W{0,3}(?:[\w-]+\W+){0,4}?since (?:(?:early|late|mid-?)\s?)?(?:19|20)\d\d\b"),
    valuation_before=rx(
        r"\b(?:valu(?:es|ed|ing)|value) (?:it|them|the [\w-]+(?: [\w-]+){0,3}|[A-Z][\w.-]*(?: [A-Z][\w.-]*)?) at\W+$",
        r"\b(?:valued? (?:it |the company |the startup )?at|valuation (?:of|at|to|is|now stands at)|"
        r"post-money|pre-money|valuing (?:it|the company|the startup) at|value (?:it )?at|"
        r"valuation|worth)\W+(?:\w+\W+){0,5}$",
    ),
    # a round that did not happen: "failed to close a $50 million round", "the $50M round fell through"
    failed=rx(r"\b(?:failed to (?:raise|close|secure|complete)|(?:could|did) not (?:raise|close|secure|complete)|"
              r"(?:was|were) unable to (?:raise|close|secure|complete)|fell through)\b"),
    cumulative=rx(
        r"\b(?:to date|so far|in total|total of|total funding|bringing (?:its|the|their) total|"
        r"has (?:now )?raised (?:a total|more than|over|a little over)|have raised|"
        r"since (?:its )?(?:inception|founding|launch)|cumulative|all told|overall funding|"
        r"total raised|raised a total|would have raised)\b",
    ),
    reported=rx(
        r"\b(?:reportedly|according to (?:people|sources|a report|reports|media|chinese media|"
        r"bloomberg|reuters|the information|techcrunch|a filing|filings|(?:an? |the )?(?:[\w-]+ ){0,2}filings?)|"
        r"people familiar|people with knowledge|"
        r"sources (?:said|say|told)|is reporting|reported|we've learned|we’ve learned|we hear|"
        r"said to|rumou?red|rumou?rs|(?:a |the )?(?:regulatory |securities |sec )?filings? (?:shows?|showed|reveals?|"
        r"revealed|indicates?)|per (?:a|an|the) (?:[\w-]+ ){0,2}(?:filing|report)|form d)\b",
    ),
    in_talks=rx(
        r"\b(?:in (?:advanced |early |final |late-stage )?talks|in discussions|in negotiations|"
        r"negotiating|seeking to raise|looking to raise|aims to raise|plans to raise|is raising|"
        r"set to raise|would value|upon completion|could raise|in the process of raising|"
        r"in the market for|(?:is|are) (?:reportedly |said to be |currently |now )?raising|nears|nearing|eyes|eyeing|"
        r"in (?:early |advanced )?discussions|(?:set|poised|about|close) to (?:close|finali[sz]e|finali[sz]ing|closing))\b",
    ),
    past=rx(
        r"\b(?:last (?:year|month|april|may|june|july|august|september|october|november|december|"
        r"january|february|march|spring|summer|fall|autumn|winter)|only last|earlier this year|"
        r"previously|previous round|prior round|back in|ago|in (?:19|20)\d\d|in (?:january|february|"
        r"march|april|may|june|july|august|september|october|november|december)\b|"
        r"(?:months|weeks|years) (?:after|before)|(?:a|one) (?:year|month|week) (?:after|before)|"
        r"recently led|once valued)\b",
    ),
    # "Sequoia-led Series A", never "Bhavish Agarwal-led Ola Electric" (a company its founder runs)
    lead_between=[rx(r"(?-i:(?P<names>[A-Z][\w.&]*(?: [A-Z][\w.&]*){0,3}))-led\b"
                     r"(?!\s+(?-i:[A-Z])(?!(?:Series|Seed|Round|Pre|Funding|Financing|Investment)\b))"),
                  rx(r"\bwith (?P<names>[^.;]{2,80}?) (?:co-)?leading\b")],
    lead_after=[rx(r"\b(?:co-)?led by (?:the likes of |investors? |firms? )?"),
                rx(r"\blead investors? (?:is|was|were|are|being) "),
                rx(r"\b(?:headed|spearheaded|anchored) by ")],
    lead_before=[rx(r"\s(?:has |have |had |also |jointly |which (?:recently )?)?(?:co-)?led (?:the|a|an|its|this|their)\b"),
                 rx(r"\s(?:is|are|was|were) (?:reportedly |said to be )?(?:co-)?leading\b"),
                 rx(r"\s(?:is |are )?said to (?:co-)?lead\b"),
                 rx(r"\s(?:lead|co-lead)s? (?:a|an|the)?\s?(?:\$|US\$|€|£|\d)"),
                 # "Lightspeed led Acme's $20M Series B"
                 rx(r"\s(?:has |have |had |also )?(?:co-)?led (?=(?-i:[A-Z])[\w.&-]*(?: (?-i:[A-Z])[\w.&-]*){0,3}['’]s\s)"),
                 # "Northgate led, joined by ...", "... and Y co-led."
                 rx(r"(?<=[A-Za-z0-9)])\s(?:co-)?led(?=\s*(?:[,;]|\.(?:\s|$)|$))")],
    investors_after=[
        rx(r"\bwith (?:the )?participation (?:from|of|by) (?:the likes of )?"),
        rx(r"\b(?:other|existing|previous|new|returning|current)(?: and (?:new|existing|previous|returning))? "
           r"(?:investors|backers|shareholders)(?: (?:that|who) participated in the (?:\w+ )?round)?"
           r"(?: (?:included?|including|such as|like|are|were))? (?=[A-Z])"),
        rx(r"\b(?:investors|backers|participants)(?: in the (?:[\w-]+ )?(?:round|deal|raise|financing))? "
           r"(?:such as|including|like|included|include|are|were) "),
        rx(r"\b(?:raised|raises|raising|secured|secures|received|receives|funding|financing|round|picked up|picks up|"
           r"bagged|bags|landed|lands|banked|banks|nabbed|nabs|snagged|snags|netted|nets|collected|collects|"
           r"attracted|attracts|obtained|gets|got|"
           r"investment|capital|money|backing|seed|series [a-k])\b(?:[^.;]|(?<=\d)\.(?=\d)){0,70}?\bfrom "
           r"(?!a group|investors|the likes)"),  # "$3.5 million from X": a decimal point is no full stop
        # a list line's amount, then who gave it: "Brennwald (London): $3 million from Index Ventures"
        rx(r"[$€£]\s?[\d.,]+\s?(?:million|billion|bn|mn|[mbk])?\s+(?:[\w-]+\s+){0,2}?from (?!a group|investors|the likes)(?=[A-Z])"),
        rx(r"\bbacked by "),
        rx(r"\b(?:joined by|alongside)(?: (?:existing|new|other) (?:investors?|backers))? (?-i:(?=[A-Z0-9]))"),
        # "alongside the university spin-out fund X", "joined by seed investor Y"
        rx(r"\b(?:joined by|alongside) (?:the |a |an |fellow )?(?-i:(?:[a-z][\w-]* ){0,3})"
           r"(?:fund|investor|investors|firm|vc|backer|backers|angel|angels|investment arm|venture arm|"
           r"family office|accelerator|incubator|bank|fund of funds) (?-i:(?=[A-Z0-9]))"),
        rx(r"\bstrategic investment from "),
        rx(r"\b(?:round|funding|financing)\b[^.;]{0,40}?\binclud(?:ing|ed|es) (?:existing investors |investors )?"),
    ],
    investors_between=[rx(r"\bwith (?P<names>[^.;]{2,80}?) (?:also )?(?:participating|joining|investing)\b"),
                       # round-up items: "Plantly — $4M seed (Leafline Capital, Pine Angels)"
                       rx(r"(?-i:\b(?:[Ss]eed|[Rr]ound|Series [A-K]\+?|[Pp]re-[Ss]eed|[Ff]unding|[Ee]xtension)\s?"
                          r"\((?P<names>[A-Z][\w.&'’ -]*(?:(?:, | and | & )[A-Z][\w.&'’ -]*)*)\))")],
    investors_before=[
        rx(r"\s(?:also |all |have all |both )?(?:participated|took part|chipped in|joined the round|invested)\b"),
        # "Apex Ventures has backed Lumo with $7M", "Apex Ventures has invested in Lumo"
        rx(r"\s(?:has|have|had) (?:also )?(?:backed|invested in|funded)(?= (?-i:[A-Z]))"),
    ],
    list_stop=rx(_NAMES_END),
    receive_verbs=rx(
        r"\b(?:raised|raises|raise|raising|secured|secures|landed|lands|bagged|bags|nabbed|nabs|snagged|"
        r"snags|received|receives|got|gets|picked up|picks up|scooped up|scoops up|attracted|attracts|"
        r"banked|banks|pulled in|pulls in|collected|collects|obtained|netted|nets|grabbed|grabs|"
        r"took in|takes in|drew|draws|locked in|locks in|locked up|locks up|raked in|rakes in|hauled in|"
        r"hauls in|reeled in|reels in|scored|scores|clinched|clinches|notched|notches)\b",
    ),
    # no "will"/"plans to": a plan is no investment yet
    investor_moves=rx(
        r"(?<!will )(?<!to )\b(?:(?:has|have|had) (?:also |now |just )?)?(?:invested|invests|co-invested|"
        r"(?:invested|invests) an undisclosed (?:amount|sum)|"
        r"(?:led|leads|made|makes) an? (?:strategic |minority |seed |early-stage )?investment) in (?=(?:the |a |an )?"
        r"(?-i:[A-Z])|(?:the |a |an )?(?:[\w-]+ ){0,3}(?:startup|start-up|company|firm|maker|provider|platform) )|"
        # "Brightfield Partners backs Zephio": a headline's backer and its company (never "Sequoia-backed
        # Zephio" or "backed by")
        r"(?<!will )(?<!to )(?<![\w-])(?:(?:has|have|had) (?:also |now |just )?)?(?:backs|backed) (?=(?:the |a |an )?(?-i:[A-Z]))|"
        r"(?<!will )(?<!to )\b(?:(?:has|have|had) )?(?:taken|takes|took|acquired|acquires) an? "
        r"(?:minority |strategic |undisclosed |small )?(?:equity )?(?:stake|shareholding) in "),
    funded_subject=rx(
        r"\s(?:have |has |had )?(?:also |both |each |all |too )?(?:secured|raised|bagged|received|landed|picked up|"
        r"closed|attracted) (?:fresh |new |some |additional |undisclosed |early-stage |seed )?(?:funds|funding|"
        r"capital|investments?|financing)\b(?!\s+(?:of|from|worth|to|for|totall?ing|amounting)\b)"),
    recipients_intro=rx(
        r"\b(?:recipients|grantees|awardees|beneficiaries)(?: of [^.;,]{2,40}?)? (?:include|included|are|were)\s+"
        r"(?:the likes of\s+)?",
        r"\b(?:startups|start-ups|companies|firms)(?: that| which)? (?:received|secured|raised|got|bagged|landed)"
        r"[^.;]{0,60}?\b(?:include|included|are|were)\s+",
        r"\bthe list (?:further |also )?includes?\s+(?:the\s+)?",
        # "Traya spearheaded the list followed by BeepKart, SiftHub and Planys"
        r"^(?P<lead>[^,;.]{2,80}?)\s(?:spearheaded|topped|led|headed) the (?:list|chart|tally)\b[^.;]{0,20}?"
        r"\bfollowed by\s+"),
    recipients_context=rx(r"\b(?:funding|funded|grants?|raised|secured|financing|investment|rounds?|backed)\b"),
    company_gets=rx(
        r"\b(?:has |have |had )?(?:received|receives|secured|secures|landed|lands|won|wins|gets|got|raised|raises|"
        r"attracted|attracts) (?:an? |its |their |new |fresh )?(?:undisclosed |strategic |new |fresh |seed |"
        r"minority |significant |first |further |additional |follow-on )*(?:investment|funding|financing|backing|"
        r"capital) (?:round )?from (?!(?:a |the )?(?:group|number|range|host|consortium|slew|mix) )"),
))
