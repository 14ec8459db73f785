/**
 * Demo content for "The Ledger", a fictional city newspaper. Every story, person, company and
 * organisation here is invented; place names outside Riverton are used only as datelines.
 * Bodies use only the node types and marks the content schema allows (lib/content/extensions.ts)
 * and must pass lib/content/validate.ts.
 */
import type { DocJSON, NodeJSON } from "../../lib/content/types";

export type DemoStory = {
  headline: string;
  standfirst: string;
  dateline: string;
  source: string;
  section: "world" | "politics" | "business" | "culture";
  author: "reporter" | "editor";
  status: "published" | "in_review" | "draft" | "changes_requested" | "approved";
  publishedHoursAgo?: number;
  body: DocJSON;
};

// ---------------------------------------------------------------------------------------------
// Tiny builders for Tiptap JSON. Plain strings become unmarked text nodes.

type Inline = NodeJSON | string;

const inline = (part: Inline): NodeJSON =>
  typeof part === "string" ? { type: "text", text: part } : part;

const bold = (text: string): NodeJSON => ({ type: "text", text, marks: [{ type: "bold" }] });
const italic = (text: string): NodeJSON => ({ type: "text", text, marks: [{ type: "italic" }] });
const link = (text: string, href: string): NodeJSON => ({
  type: "text",
  text,
  marks: [{ type: "link", attrs: { href } }],
});
const br = (): NodeJSON => ({ type: "hardBreak" });

const p = (...parts: Inline[]): NodeJSON => ({ type: "paragraph", content: parts.map(inline) });
const h2 = (text: string): NodeJSON => ({
  type: "heading",
  attrs: { level: 2 },
  content: [{ type: "text", text }],
});
const h3 = (text: string): NodeJSON => ({
  type: "heading",
  attrs: { level: 3 },
  content: [{ type: "text", text }],
});

/** A list item is a paragraph; pass a string or an array of inline parts. */
const li = (item: Inline | Inline[]): NodeJSON => ({
  type: "listItem",
  content: [Array.isArray(item) ? p(...item) : p(item)],
});
const ul = (...items: (Inline | Inline[])[]): NodeJSON => ({
  type: "bulletList",
  content: items.map(li),
});
const ol = (...items: (Inline | Inline[])[]): NodeJSON => ({
  type: "orderedList",
  attrs: { start: 1, type: null },
  content: items.map(li),
});
const blockquote = (...paragraphs: NodeJSON[]): NodeJSON => ({
  type: "blockquote",
  content: paragraphs,
});
const pullQuote = (text: string, attribution: string): NodeJSON => ({
  type: "pullQuote",
  attrs: { attribution },
  content: [{ type: "text", text }],
});
const hr = (): NodeJSON => ({ type: "horizontalRule" });

const doc = (...content: NodeJSON[]): DocJSON => ({ type: "doc", content });

// ---------------------------------------------------------------------------------------------

export const DEMO_STORIES: DemoStory[] = [
  // ---- Politics ------------------------------------------------------------------------------
  {
    headline:
      "Council approves $14.2 million to rebuild Harbor Street Bridge after failed inspection",
    standfirst:
      'The 7-2 vote ends months of debate over the 1958 span, which state engineers rated "poor" in March. Construction could start in April, with lane restrictions lasting up to 18 months.',
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton City Council minutes; state bridge inspection report",
    section: "politics",
    author: "reporter",
    status: "published",
    publishedHoursAgo: 3,
    body: doc(
      p(
        "The Riverton City Council voted 7-2 on Tuesday night to spend $14.2 million rebuilding the Harbor Street Bridge, the 66-year-old span that carries about 21,000 vehicles a day across the Mill River and failed a state inspection this spring.",
      ),
      p(
        "The money will come from the city's capital reserve fund, a $6 million state grant awarded in July and a bond issue that still needs voter approval in November. Public works director Anita Okafor told council members that design work is 40 percent complete and that crews could break ground as early as April.",
      ),
      h2("What the inspection found"),
      p(
        "Engineers from the state Department of Transportation rated the bridge's deck and substructure as ",
        bold("poor"),
        ", the second-lowest category on the state's scale. Their report cited corroded steel bearings, crumbling concrete on two of the four piers and blocked drains that let road salt seep into the structure. The city lowered the bridge's weight limit to 15 tons in April, sending city buses and fire engines on a 2.3-mile detour.",
      ),
      p("Under the plan approved Tuesday, the city will:"),
      ul(
        "Replace the deck and steel girders while keeping the original stone abutments",
        "Keep one lane open in each direction for most of the project",
        "Add a protected bike lane and widen both sidewalks to 8 feet",
        "Lift the 15-ton weight limit once the new deck opens",
      ),
      p(
        'The two dissenting votes came from council members Gerald Pratt and Lena Voss, who argued the city should chase more federal money before committing local funds. "We are going to be paying off this bond for twenty years," Pratt said. "I\'d like to know we knocked on every door first."',
      ),
      p(
        "Okafor said waiting for another federal grant cycle would delay construction by at least a year while the bridge continues to deteriorate. Residents can read the full inspection report and the draft construction schedule on the city's ",
        link(
          "public works project page",
          "https://example.org/riverton/public-works/harbor-street-bridge",
        ),
        ".",
      ),
    ),
  },
  {
    headline:
      'Mayor\'s "Open Ledger" spending plan wins praise, and hard questions, at first hearing',
    standfirst:
      "Mayor Daniel Whitcombe wants every city payment over $5,000 posted online within 30 days. Residents called it overdue; the finance director says it cannot be done without more staff.",
    dateline: "RIVERTON",
    source: "Ledger reporting; City Council budget committee hearing; mayor's office",
    section: "politics",
    author: "editor",
    status: "published",
    publishedHoursAgo: 9,
    body: doc(
      p(
        "Mayor Daniel Whitcombe's proposal to publish every city payment above $5,000 on a searchable public website drew a full room and nearly three hours of testimony at the City Council's budget committee on Monday, the first public hearing on a plan his office has branded the \"Open Ledger.\"",
      ),
      p(
        "Under the proposal, the finance department would post the date, amount, vendor and purpose of each qualifying payment within 30 days of it being made. The city made roughly 11,400 such payments in the last fiscal year, totaling about $212 million, according to figures the mayor's office released last week.",
      ),
      pullQuote(
        "People should not have to file a records request to find out what their own city bought.",
        "Daniel Whitcombe, mayor of Riverton",
      ),
      p(
        'Several residents and two neighborhood associations spoke in favor. Maria Alvarez, who leads the Eastside Neighbors Association, said her group waited seven months last year for invoices from a $1.1 million park renovation. "By the time the paperwork arrived, the playground was already cracking," she said.',
      ),
      h3("Staffing and cost concerns"),
      p(
        "Finance director Howard Lim did not oppose the idea but told the committee his department would need two more analysts and a new software module to meet the 30-day deadline. He put the first-year cost at $380,000, a figure not included in the mayor's draft budget. ",
        italic(
          "Some payments, including legal settlements and anything involving minors, would have to be redacted by hand",
        ),
        ", he added.",
      ),
      p("In written testimony, the city auditor, Rebecca Tan, urged caution:"),
      blockquote(
        p(
          "Transparency is not free. If we publish fast and publish wrong, we damage the very trust this program is meant to build. A phased rollout, starting with the largest contracts, would let the city learn before it scales.",
        ),
      ),
      p(
        "Committee chair Lena Voss said the panel would consider amendments on Oct. 14, including one that would phase the program in over two years. The full council must adopt a budget by June 30.",
      ),
    ),
  },

  // ---- Business ------------------------------------------------------------------------------
  {
    headline: "Northgate Foods to add 240 jobs with $58 million expansion of its Riverton plant",
    standfirst:
      "The frozen-food maker will build a second production line on the city's west side, its largest investment in the region since 2011. The city is offering a 10-year tax break in return.",
    dateline: "RIVERTON",
    source:
      "Ledger reporting; Northgate Foods announcement; Riverton Economic Development Authority",
    section: "business",
    author: "reporter",
    status: "published",
    publishedHoursAgo: 20,
    body: doc(
      p(
        "Northgate Foods will spend $58 million to expand its frozen-meals plant on Ferris Road and hire ",
        bold("240 new workers"),
        " over the next three years, the company and city officials announced Thursday, in what would be the largest private investment in Riverton in more than a decade.",
      ),
      p(
        "The 110,000-square-foot addition will house a second production line for the company's single-serve dinners, which chief executive Paula Brennan said have grown 19 percent in sales over the past two years. The new jobs will pay an average of $24.50 an hour, above the county median for manufacturing, and hiring is expected to begin in January.",
      ),
      h2("What the city is offering"),
      p(
        "The Riverton Economic Development Authority approved the incentive package 5-0 on Wednesday. In exchange for the tax break, Northgate has agreed to conditions that the authority says can be enforced through clawbacks:",
      ),
      ol(
        "A 10-year abatement of 60 percent of the new property taxes on the addition, worth an estimated $4.1 million",
        "At least 200 of the new positions must be filled and maintained for five years",
        "Northgate must report payroll and head count to the authority every year",
        "If the company falls short, it repays a share of the abatement proportional to the shortfall",
      ),
      p(
        'Not everyone was convinced. Tom Healy, a researcher at the nonpartisan Mill County Budget Project, said the city already has one of the lowest industrial tax rates in the region. "The question is whether Northgate would have expanded here anyway," he said. "If the answer is yes, the city just gave away four million dollars."',
      ),
      p(
        'Brennan said the company had also considered sites in two neighboring states and that the abatement "closed the gap." Northgate already employs 610 people in Riverton. The full agreement is posted on the ',
        link(
          "development authority's website",
          "https://example.org/riverton/reda/northgate-agreement",
        ),
        ".",
      ),
    ),
  },
  {
    headline: "Mill County home sales fall 18% as mortgage rates keep buyers on the sidelines",
    standfirst:
      "Fewer than 400 homes changed hands in the third quarter, the fewest for that period in nearly a decade, but the median price still rose. Agents say first-time buyers have been hit hardest.",
    dateline: "RIVERTON",
    source: "Ledger analysis of Mill County Association of Realtors data; interviews",
    section: "business",
    author: "editor",
    status: "published",
    publishedHoursAgo: 50,
    body: doc(
      p(
        "Home sales in Mill County fell 18 percent in the third quarter compared with a year earlier, as mortgage rates near 7 percent priced many buyers out of the market, according to figures released Monday by the Mill County Association of Realtors.",
      ),
      p(
        "Just 387 single-family homes sold between July and September, the fewest for that period since 2015. Yet the median sale price rose 4.2 percent to $318,500, because owners who locked in low rates years ago are reluctant to sell and give them up. Active listings were down 11 percent from a year earlier.",
      ),
      h2("Squeezed from both sides"),
      p(
        "Agents said the combination of high prices and high borrowing costs has fallen hardest on first-time buyers. On a median-priced home with 10 percent down, the monthly principal and interest payment is now about $1,910, up from $1,240 three years ago, according to a ",
        italic("Ledger"),
        " calculation.",
      ),
      blockquote(
        p(
          "I have clients who were approved in the spring and are now approved for sixty thousand dollars less. Same jobs, same savings. The only thing that changed is the rate.",
        ),
        p(
          "Denise Farrow, a broker with Riverside Realty Group, speaking at the association's quarterly briefing",
        ),
      ),
      p(
        "Some relief may come from the county's down-payment assistance program, which the county board expanded in August to offer up to $15,000 to households earning less than 120 percent of the area median income. The program has received 212 applications so far and approved 64, a county spokesperson said.",
      ),
      p(
        "Economists at the association expect sales to remain subdued through the winter. The full quarterly report, including town-by-town figures, is available on the ",
        link("association's market data page", "https://example.com/mcar/market-reports/q3"),
        ".",
      ),
    ),
  },

  // ---- World ---------------------------------------------------------------------------------
  {
    headline: "Fishing nations agree to cut North Atlantic cod quota by 22% after stock warning",
    standfirst:
      "Delegates from 14 coastal states reached the deal after four days of talks, overriding objections from fleets that say the cut will cost thousands of jobs.",
    dateline: "GENEVA (Ledger Wire)",
    source: "Ledger Wire; Northern Waters Fisheries Compact statement; delegates",
    section: "world",
    author: "reporter",
    status: "published",
    publishedHoursAgo: 5,
    body: doc(
      p(
        "Delegates to the Northern Waters Fisheries Compact agreed early Friday to cut next year's cod catch limit by 22 percent, the deepest single-year reduction in the body's 31-year history, after scientists warned that spawning stocks had fallen to their lowest level since the early 1990s.",
      ),
      p(
        "The new total allowable catch of 412,000 metric tons will be divided among the compact's 14 member states under the existing allocation formula. The decision followed four days of closed-door talks and was approved by 11 votes to three, according to a statement from the compact's secretariat.",
      ),
      p(
        "The compact's scientific committee had recommended a cut of ",
        bold("up to 30 percent"),
        ', citing warming waters that have pushed young cod into deeper, colder areas where fewer survive. "The science was unambiguous," said Ingrid Solberg, who chaired the committee. "What we got is less than we asked for, but it is a serious step."',
      ),
      h2("Fleets warn of layoffs"),
      p(
        "Fishing industry groups reacted with alarm. The Coastal Fleet Alliance, which represents about 2,600 vessels, said the cut could put as many as 5,000 jobs at risk in fishing towns already squeezed by higher fuel prices. The alliance said it would press member governments for compensation and for a review of the quota in six months.",
      ),
      pullQuote(
        "You cannot eat a fish that is not there. A smaller quota now is the price of having a fishery at all in ten years.",
        "Ingrid Solberg, chair of the scientific committee",
      ),
      p(
        "The agreement also includes new limits on bottom trawling in two nursery areas and requires electronic catch logs on all vessels longer than 12 meters by 2027. Member governments have 60 days to lodge formal objections.",
      ),
    ),
  },
  {
    headline: "Low water on the Rhine strands barges and pushes up freight costs across Europe",
    standfirst:
      "Gauges near Kaub have dropped below the level at which most cargo ships can sail fully loaded. Shippers say costs have tripled in two weeks, and forecasters see little rain ahead.",
    dateline: "KOBLENZ, Germany (Ledger Wire)",
    source: "Ledger Wire; inland shipping operators; river authority gauge data",
    section: "world",
    author: "editor",
    status: "published",
    publishedHoursAgo: 74,
    body: doc(
      p(
        "Water levels on the Rhine fell this week to their lowest point of the year, forcing cargo barges to sail with a fraction of their usual loads and driving up the cost of moving coal, grain and chemicals along one of Europe's busiest trade routes.",
      ),
      p(
        "The gauge at Kaub, a narrow stretch that shippers watch closely, read 58 centimeters on Wednesday morning, according to river authority data. At that depth, most large barges can carry only about a third of their capacity, said Martin Keller, a dispatcher for Mittelrhein Frachtkontor, a shipping cooperative that operates 140 vessels.",
      ),
      p(
        '"We are sending three boats to do the work of one," Keller said. "Customers pay for all three." He said spot freight rates between Rotterdam and Basel had roughly tripled since the start of the month.',
      ),
      h2("Who feels it first"),
      ul(
        [
          bold("Power plants"),
          " that rely on barge-delivered coal have begun drawing down reserves",
        ],
        [bold("Chemical makers"), " along the river are shifting some shipments to rail and road"],
        [bold("Grain traders"), " report delays of up to 10 days for export cargoes"],
        [bold("Fuel retailers"), " in inland regions warn of higher heating oil prices"],
      ),
      p(
        "Forecasters expect only light rain over the next 10 days, and the river is unlikely to recover before the autumn rains, said Clara Hoffmann, a hydrologist with the regional water office. ",
        italic("Prolonged low water has become more frequent over the past decade"),
        ", she added, prompting calls to deepen the shipping channel at key bottlenecks.",
      ),
      p(
        "A project to dredge the Kaub stretch by 20 centimeters has been approved but is not expected to be finished before 2030. Industry groups have urged governments to speed it up and to expand rail capacity as a backup.",
      ),
    ),
  },

  // ---- Culture -------------------------------------------------------------------------------
  {
    headline: "Riverton Symphony names Zoë Dupré its first new music director in 22 years",
    standfirst:
      "The 38-year-old French-Canadian conductor, who has worked in Montréal and Lyon, will take over next September and has pledged to bring new works and free concerts to every neighborhood.",
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton Symphony Orchestra announcement; interview",
    section: "culture",
    author: "reporter",
    status: "published",
    publishedHoursAgo: 31,
    body: doc(
      p(
        "The Riverton Symphony Orchestra on Sunday named Zoë Dupré as its next music director, ending a two-year search to replace Walter Henning, who has led the orchestra since 2003 and will step down at the end of this season.",
      ),
      p(
        "Dupré, 38, currently serves as associate conductor of a chamber orchestra in Montréal and has guest-conducted widely in Europe, including a celebrated run of ",
        italic("Pelléas et Mélisande"),
        " in Lyon last year. She signed a five-year contract and will conduct at least 12 weeks of each season, the orchestra said.",
      ),
      pullQuote(
        "An orchestra belongs to its city. I want people in every part of Riverton to feel that this music is theirs.",
        "Zoë Dupré, incoming music director",
      ),
      p(
        'Henning, 71, will remain with the orchestra as conductor laureate and lead two programs a season. He praised the choice on Sunday, calling Dupré "a musician of real courage" and saying the orchestra was in good hands.',
      ),
      h2("Plans for the first season"),
      p(
        "In an interview with the ",
        italic("Ledger"),
        ", Dupré said she would keep the core classical repertoire at the center of the season while adding more recent music. Her priorities include:",
      ),
      ul(
        "At least one newly commissioned work each season, starting with a piece by a Riverton-born composer",
        "Six free outdoor concerts a year in city parks, up from two",
        "A pay-what-you-can section of 200 seats at every Saturday concert",
      ),
      p(
        "Board chair Harriet Lowell said the search committee reviewed 140 candidates and invited five finalists to conduct the orchestra last season. Musicians voted in favor of Dupré by a wide margin, according to a statement from the players' committee. Her debut as music director is set for Sept. 20, with ",
        bold("Mahler's Symphony No. 1"),
        " on the program.",
      ),
    ),
  },
  {
    headline:
      "Library picks translated novel for 'One City, One Book' as Arabic fiction finds new readers",
    standfirst:
      'Riverton Public Library chose Layla Haddad\'s "ذاكرة الملح" (The Memory of Salt), a family saga set in a coastal town, for its annual citywide reading program. Haddad and her translator will visit in March.',
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton Public Library; publisher's sales figures",
    section: "culture",
    author: "editor",
    status: "published",
    publishedHoursAgo: 120,
    body: doc(
      p(
        "The Riverton Public Library has chosen ",
        italic("The Memory of Salt"),
        ", the English translation of Layla Haddad's novel ",
        bold("ذاكرة الملح"),
        ", as this year's \"One City, One Book\" selection, the first time in the program's 16-year history that the pick has been a work in translation.",
      ),
      p(
        "The novel follows three generations of a family that runs a salt works on the edge of a fading port town, moving between the 1950s and the present. Translated by Nadia Karam, it has sold about 40,000 copies in English since its release last year, according to its publisher, a figure its editor called remarkable for literary fiction in translation.",
      ),
      p(
        'Library director Samuel Ortiz said a committee of librarians and residents chose the book from a shortlist of six. "It is a story about a place that is changing faster than the people in it," he said. "That felt very close to home."',
      ),
      p("The book opens with a passage that readers on the committee said they kept returning to:"),
      blockquote(
        p(
          "Every morning my grandmother raked the pans,",
          br(),
          "and every evening the sea took back a little of what she had kept.",
          br(),
          "She said this was not theft. She said it was rent.",
        ),
      ),
      hr(),
      h3("How to take part"),
      p(
        "The library will lend 300 copies through its branches and has added the e-book and audiobook to its digital catalog with no waiting list. Book-club kits, discussion guides and the full events calendar are on the ",
        link("One City, One Book page", "https://example.org/riverton-library/one-city-one-book"),
        ". Haddad and Karam will appear together at the Central Library on March 8, with live interpretation.",
      ),
    ),
  },

  // ---- In the workflow (not yet published) ---------------------------------------------------
  {
    headline: "School board weighs redistricting plan that would move 1,100 students",
    standfirst:
      "The proposal aims to relieve crowding at two east-side elementary schools, but parents in the Maple Hill neighborhood say it would split their community between three schools.",
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton School Board work session; district enrollment data",
    section: "politics",
    author: "reporter",
    status: "in_review",
    body: doc(
      p(
        "Riverton's school board on Wednesday reviewed a redistricting proposal that would shift about 1,100 elementary students to new schools next fall, the largest change to attendance boundaries in nearly 15 years.",
      ),
      p(
        "District staff say the plan is needed because enrollment at Eastbrook and Carver elementary schools has grown by a combined 26 percent since 2019, while three schools on the west side are running at less than 70 percent of capacity. Eastbrook currently uses eight portable classrooms.",
      ),
      h2("What the plan would change"),
      ul(
        "Redraw the boundaries of 9 of the district's 14 elementary schools",
        "Move roughly 640 students out of Eastbrook and Carver",
        "Let current fourth-graders finish at their school if families choose",
        "Add two bus routes at an estimated annual cost of $310,000",
      ),
      p(
        'Parents from the Maple Hill neighborhood, which would be divided among three schools, filled half the seats at the session. "Our kids walk to school together now," said Priya Nair, a parent of two. "Under this map, some of them would be on a bus for 25 minutes."',
      ),
      p(
        "Board member Luis Romero said he supported the goals of the plan but wanted the district to publish how many low-income students each school would gain or lose. Staff said that analysis would be ready before the first public meeting.",
      ),
      p(
        "Superintendent Karen Doyle said staff would look at alternatives for Maple Hill before the board votes. The district will hold three public meetings in November, and the board is scheduled to vote on Dec. 12. Families can look up how their address would be affected using the district's ",
        link("boundary lookup tool", "https://example.org/riverton-schools/boundary-review"),
        ".",
      ),
    ),
  },
  {
    headline: "Downtown merchants push back on plan to double parking meter rates",
    standfirst:
      "The city says higher rates will free up spaces and pay for garage repairs. Shop owners on Main and Canal streets say customers will simply drive to the mall instead.",
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton Parking Authority; Downtown Business Alliance survey",
    section: "business",
    author: "reporter",
    status: "in_review",
    body: doc(
      p(
        "A proposal to raise downtown parking meter rates from $1.50 to $3 an hour drew sharp opposition from business owners on Monday, who told the Riverton Parking Authority the increase could drive away shoppers at a time when many stores are still recovering lost sales.",
      ),
      p(
        "The authority says the change would raise about $1.8 million a year, money it would put toward $9 million in repairs to the Canal Street garage, where two levels have been closed since a concrete inspection last winter. Executive director Sam Whitley said meters on Main Street are occupied more than 90 percent of the time at midday, making it hard for drivers to find a spot.",
      ),
      p(
        '"When every space is full, people circle the block and give up," Whitley said. "A higher price at the busiest hours means there is almost always a space open."',
      ),
      blockquote(
        p(
          "Sixty-one percent of the 118 businesses that answered our survey said they expected sales to fall if rates double. Not one said they expected sales to rise.",
        ),
        p("From the Downtown Business Alliance's written comments to the authority"),
      ),
      p(
        'Several owners suggested a compromise: keep the current rate for the first hour and charge more after that. Gina Russo, who owns a bakery on Canal Street, said most of her customers stay less than 30 minutes. "Charge the commuters who park all day, not the people buying a loaf of bread," she said.',
      ),
      p(
        "The authority's board will vote on Nov. 4. If approved, the new rates would take effect Jan. 1. Whitley said the authority would consider ",
        bold("a two-tier rate"),
        " and report back before the vote.",
      ),
    ),
  },
  {
    headline: "Baltic ferry operator cuts winter sailings as fuel costs climb",
    standfirst:
      "Tuulesaar Line will suspend two of its five routes from December to March, leaving some island communities with one crossing a day. Local officials are asking the government to step in.",
    dateline: "TALLINN, Estonia (Ledger Wire)",
    source: "Ledger Wire; Tuulesaar Line statement; island council officials",
    section: "world",
    author: "reporter",
    status: "changes_requested",
    body: doc(
      p(
        "Tuulesaar Line, a private operator that runs ferries to several Baltic islands, said Tuesday it would suspend two of its five routes from December through March, blaming a 35 percent rise in marine fuel costs over the past year.",
      ),
      p(
        "The company carried about 1.2 million passengers last year. The suspended routes account for roughly 15 percent of its traffic but, the company said, nearly a third of its fuel bill in winter, when ice and storms lengthen crossings. Chief executive Henrik Lind said the routes lost about 4 million euros last winter.",
      ),
      p(
        "For residents of the smaller islands, the cuts mean a single daily crossing on the remaining service, which leaves the mainland at 7:15 a.m. and returns at 5:30 p.m. Island council leader Marta Kask said the schedule would make it difficult for residents to reach hospital appointments or for students to attend classes on the mainland.",
      ),
      pullQuote(
        "For us a ferry is not a convenience. It is the road to the doctor, the school and the shop.",
        "Marta Kask, island council leader",
      ),
      p(
        "The council has asked the national transport ministry to subsidize the routes or contract another operator for the winter months. A ministry spokesperson said officials were reviewing the request and would respond within two weeks.",
      ),
      p(
        "Tuulesaar Line is not the only operator under pressure. Ferry companies across the region have raised fares by an average of 12 percent this year, according to an industry association, and at least one other operator has said it is reviewing its winter timetable.",
      ),
      p(
        "Lind said the company would restore the routes in April and was in talks to lease a smaller, more fuel-efficient vessel that could make the crossings viable year-round by 2026.",
      ),
    ),
  },
  {
    headline:
      "Riverton Film Festival unveils lineup of 64 films, with a new prize for local makers",
    standfirst:
      "The 11th edition runs Nov. 6-12 at four venues and adds a $10,000 award for films made in Mill County. Organizers say advance ticket sales are running ahead of last year.",
    dateline: "RIVERTON",
    source: "Ledger reporting; Riverton Film Festival program announcement",
    section: "culture",
    author: "editor",
    status: "draft",
    body: doc(
      p(
        "The Riverton Film Festival will screen 64 features and short films from 23 countries at its 11th edition next month, organizers announced Thursday, including 14 films that will have their first public screenings in North America.",
      ),
      p(
        "The festival runs Nov. 6-12 at the Orpheum Theater, the Central Library auditorium, the Riverside Arts Center and, for the first time, the restored Lakeview drive-in, which reopened in the summer after 20 years. Festival director Omar Benali said advance pass sales were up 30 percent on the same point last year.",
      ),
      h2("Highlights"),
      ol(
        [
          "Opening night: ",
          italic("The Lighthouse Keeper's Daughter"),
          ", a drama shot on the northern coast of Scotland",
        ],
        [
          "Closing night: ",
          italic("Low Water"),
          ", a documentary about life on a drought-hit river",
        ],
        "A restored 1962 print of a Czech comedy, shown at the drive-in with live accordion accompaniment",
        "A program of nine short films made by Riverton high school students",
      ),
      p(
        "The new Mill County Filmmaker Award, funded by a local family foundation, comes with ",
        bold("$10,000"),
        " and will be chosen by a jury of three. Seven films are in the running, including a documentary about the Harbor Street Bridge and a comedy shot entirely inside a laundromat.",
      ),
      p(
        '"We have always shown the world to Riverton," Benali said. "This prize is about showing Riverton to itself."',
      ),
      p(
        "The festival's budget this year is $1.4 million, about a quarter of which comes from ticket sales. The rest is covered by sponsors, foundation grants and a $150,000 contribution from the city's arts fund.",
      ),
      p(
        "Single tickets go on sale Oct. 15. Passes, the full schedule and accessibility information are on the ",
        link("festival website", "https://example.com/riverton-film-festival/2025-program"),
        ".",
      ),
    ),
  },
];
