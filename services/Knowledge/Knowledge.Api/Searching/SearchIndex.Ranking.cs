using System.Buffers;

namespace SupportPlatform.Knowledge.Searching;

/// <summary>An article found for a text, with the measures that decide whether it is shown.</summary>
/// <param name="Coverage">The share (0–1) of the query's units the article has: how well it answers, comparable across queries.</param>
/// <param name="Evidence">How much informative matter of the query the article has: the sum, over the query's units, of the share found times how rare the unit is in the catalogue (0–1 each).</param>
/// <param name="Matched">The words and phrases of the query (as the analyser sees them, with their corrections and synonyms) that the article has; what the snippet highlights.</param>
/// <param name="TitleEvidence">The same, counting only what the title, a concept pointing at the article, or a learned term has: text that only brushes the body ("방법", "메뉴") has little of it.</param>
/// <param name="WordCoverage">The share of the query's words the article has whole (or as typo-corrected), every word counted even where a concept took it over: an article that spells out "대량메일 발송" has the words, whatever the concept says. No partial credit for n-grams.</param>
/// <param name="LeadEvidence">The same again for what only the article's lead (<see cref="SearchIndex.Lead"/>) has, not its title: the cut-off weighs it at <see cref="Recommending.Recommendations.LeadWeight"/>.</param>
public sealed record SearchHit(IndexedArticle Article, double Score, double Coverage, double Evidence, double TitleEvidence, IReadOnlyList<string> Matched, double WordCoverage, double LeadEvidence = 0);

/// <summary>
/// Which articles the search page lists: those with at least <see cref="MinimumCoverage"/> of the
/// query, or with at least <see cref="ConfidentEvidence"/> of its informative matter (a long text
/// whose politeness words no article has); coverage counts the query's concepts or its words,
/// whichever the article has more of. Unlike <see cref="Recommending.CutOff"/> there is no
/// title gate: a customer who asked for a page of results may see articles that only mention it.
/// </summary>
public sealed record ListingRule(double MinimumCoverage, double ConfidentEvidence)
{
    /// <param name="coverage">The larger of the article's coverage and word coverage: a concept's common synonyms are not looked up, so an article may have every word of the phrase and still miss the concept.</param>
    public bool Lists(double coverage, double evidence) => coverage >= MinimumCoverage - 1e-6 || evidence >= ConfidentEvidence - 1e-6;

    public bool Lists(SearchHit hit) => Lists(Math.Max(hit.Coverage, hit.WordCoverage), hit.Evidence);
}

/// <summary>One page of a search: its hits, best first, and how many articles the whole search lists.</summary>
public sealed record SearchPage(IReadOnlyList<SearchHit> Hits, int Total)
{
    public static SearchPage None { get; } = new([], 0);
}

/// <summary>
/// One thing the customer said: a word, or a concept of the domain vocabulary that swallowed the
/// words of its phrase. Its "whole" terms (the word, its typo corrections, the concept and its
/// synonyms) count once, by the best; its n-grams add partial credit for half-typed words.
/// </summary>
/// <param name="Counted">False for words a concept took over: they still score, but coverage and evidence count the concept once.</param>
/// <param name="IsConcept">A concept's unit rather than a word's: word coverage leaves it out.</param>
internal sealed record QueryUnit(string Surface, List<(string Key, float Weight, string Text)> Wholes, List<(string Key, float Weight)> Grams, bool Counted = true, bool IsConcept = false);

public sealed partial class SearchIndex
{
    private readonly float maxIdf;
    private readonly TypoCorrection typos;

    public IndexExtras Extras { get; }

    private const float CorrectionWeight = 0.8f;
    private const float ConceptWeight = 1.2f;
    private const float SynonymWeight = 0.5f;

    /// <summary>Synonyms rarer than this share of the largest idf are worth looking up.</summary>
    private const float CommonSynonym = 0.3f;

    /// <summary>
    /// Candidates for a recommendation, best first, with the measures the cut-off needs. Nothing is
    /// cut here: <see cref="Recommending.Recommendations"/> decides what is worth showing.
    /// </summary>
    public IReadOnlyList<SearchHit> Recommend(string? text, int limit) => Rank(text, 0, limit, listing: null, include: null).Hits;

    /// <summary>
    /// The search page: the articles that pass <paramref name="include"/> and the
    /// <paramref name="listing"/> rule, ranked as recommendations are; the hits from
    /// <paramref name="skip"/> on, measured, and how many articles the search lists in all.
    /// </summary>
    public SearchPage Search(string? text, int skip, int take, ListingRule listing, Func<IndexedArticle, bool>? include = null) =>
        Rank(text, skip, take, listing, include);

    private SearchPage Rank(string? text, int skip, int take, ListingRule? listing, Func<IndexedArticle, bool>? include)
    {
        var units = Plan(text);
        var n = Articles.Count;
        if (units.Count == 0 || n == 0 || take <= 0 || skip < 0)
        {
            return SearchPage.None;
        }

        var scores = ArrayPool<float>.Shared.Rent(n);
        // Only a listing needs every article's coverage and evidence; a recommendation measures just the few it returns.
        Measures? measures = listing is null ? null : new(ArrayPool<float>.Shared.Rent(n), ArrayPool<float>.Shared.Rent(n), ArrayPool<float>.Shared.Rent(n));
        try
        {
            var infos = Score(units, scores, measures);
            var counted = Math.Max(1, units.Count(u => u.Counted));
            var words = Math.Max(1, units.Count(u => !u.IsConcept));

            // A min-heap of the best skip + take so far: O(n log limit), also for a deep search page.
            var limit = skip + take;
            var top = new PriorityQueue<int, (float Score, int Order)>(limit + 1);
            var total = 0;
            for (var i = 0; i < n; i++)
            {
                if (scores[i] <= 0
                    || (measures is { } m && !listing!.Lists(Math.Max(m.Found[i] / counted, m.WordsFound[i] / words), m.Evidence[i]))
                    || (include is not null && !include(Articles[i])))
                {
                    continue;
                }

                total++;
                // Ties go to the article listed first (stable for paging).
                top.Enqueue(i, (scores[i], -i));
                if (top.Count > limit)
                {
                    top.Dequeue();
                }
            }

            var ranked = new (int Article, float Score)[top.Count];
            for (var slot = ranked.Length - 1; slot >= 0; slot--)
            {
                top.TryDequeue(out var i, out var priority);
                ranked[slot] = (i, priority.Score);
            }

            // Pass 2 measures only the articles returned: how much of the query each has, and where.
            var hits = ranked.Skip(skip).Select(r =>
            {
                var (matched, evidence, wordsMatched) = Measure(units, infos, r.Article);
                var (title, lead) = TitleEvidence(units, infos, r.Article);
                return new SearchHit(
                    Articles[r.Article],
                    Math.Round(r.Score, 3),
                    Math.Round(matched / counted, 3),
                    Math.Round(evidence, 3),
                    Math.Round(title, 3),
                    MatchedTexts(units, r.Article),
                    Math.Round(wordsMatched / words, 3),
                    Math.Round(lead, 3));
            }).ToList();
            return new SearchPage(hits, total);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            if (measures is { } m)
            {
                ArrayPool<float>.Shared.Return(m.Found);
                ArrayPool<float>.Shared.Return(m.Evidence);
                ArrayPool<float>.Shared.Return(m.WordsFound);
            }
        }
    }

    /// <summary>
    /// Pass 1 ranks every article by adding numbers, as plain BM25 does. Only a unit with several
    /// whole alternatives (a concept, a corrected word) needs the best of them per article. With
    /// <paramref name="measures"/>, it also sums per article the share of each counted unit it has
    /// and that share times the unit's information, and the words it has whole, as <see cref="Measure"/> does for one article,
    /// at the cost of a few more array writes per posting. Returns how informative each unit is.
    /// </summary>
    private float[] Score(List<QueryUnit> units, float[] scores, Measures? measures)
    {
        var n = Articles.Count;
        var best = ArrayPool<float>.Shared.Rent(n);
        var seen = ArrayPool<int>.Shared.Rent(n);
        var whole = measures is null ? null : ArrayPool<int>.Shared.Rent(n);
        var touched = new List<int>();
        var infos = Informativeness(units);
        try
        {
            Array.Clear(scores, 0, n);
            Array.Clear(seen, 0, n);
            if (measures is { } cleared)
            {
                Array.Clear(cleared.Found, 0, n);
                Array.Clear(cleared.Evidence, 0, n);
                Array.Clear(cleared.WordsFound, 0, n);
                Array.Clear(whole!, 0, n);
            }

            for (var u = 0; u < units.Count; u++)
            {
                var unit = units[u];
                var stamp = u + 1;
                var (found, evidence) = measures is { } m && unit.Counted ? (m.Found, m.Evidence) : (null, null);
                var wordsFound = measures is { } w && !unit.IsConcept ? w.WordsFound : null;
                var tracking = found is not null || wordsFound is not null;
                var several = unit.Wholes.Count > 1;
                touched.Clear();
                foreach (var (key, weight, _) in unit.Wholes)
                {
                    if (!postings.TryGetValue(key, out var list) || !Counts(key, weight))
                    {
                        // A synonym as common as "메일" adds little but costs a pass over most of the catalogue.
                        continue;
                    }

                    var termWeight = weight * idf[key];
                    foreach (var posting in list)
                    {
                        var article = posting.Article;
                        if (tracking && whole![article] != stamp)
                        {
                            whole[article] = stamp;
                            if (found is not null)
                            {
                                found[article] += 1;
                                evidence![article] += infos[u];
                            }

                            if (wordsFound is not null)
                            {
                                wordsFound[article] += 1;
                            }
                        }

                        if (!several)
                        {
                            scores[article] += termWeight * posting.Weight;
                            continue;
                        }

                        if (seen[article] != stamp)
                        {
                            seen[article] = stamp;
                            best[article] = 0;
                            touched.Add(article);
                        }

                        best[article] = Math.Max(best[article], termWeight * posting.Weight);
                    }
                }

                foreach (var article in touched)
                {
                    scores[article] += best[article];
                }

                var share = 1f / Math.Max(1, unit.Grams.Count);
                foreach (var (key, weight) in unit.Grams)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        continue;
                    }

                    var termWeight = weight * idf[key];
                    foreach (var posting in list)
                    {
                        scores[posting.Article] += termWeight * posting.Weight;
                        if (found is not null && whole![posting.Article] != stamp)
                        {
                            found[posting.Article] += share;
                            evidence![posting.Article] += share * infos[u];
                        }
                    }
                }
            }

            return infos;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(seen);
            if (whole is not null)
            {
                ArrayPool<int>.Shared.Return(whole);
            }
        }
    }

    /// <summary>
    /// How informative each unit is (0–1): its rarest whole alternative that is looked up, or, for a
    /// unit known only through its n-grams (a word being typed), as rare as its n-grams are on average.
    /// </summary>
    private float[] Informativeness(List<QueryUnit> units)
    {
        var infos = new float[units.Count];
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            var info = 0f;
            foreach (var (key, weight, _) in unit.Wholes)
            {
                if (idf.TryGetValue(key, out var termIdf) && Counts(key, weight))
                {
                    info = Math.Max(info, termIdf / maxIdf);
                }
            }

            var gramInfo = 0f;
            foreach (var (key, _) in unit.Grams)
            {
                if (idf.TryGetValue(key, out var termIdf))
                {
                    gramInfo += termIdf / maxIdf / unit.Grams.Count;
                }
            }

            infos[u] = info > 0 ? info : gramInfo;
        }

        return infos;
    }

    /// <summary>
    /// The share of each counted unit the article has (1 for a whole alternative, else its share of
    /// n-grams), summed plainly and weighted by how informative the unit is; and the same share summed
    /// over the word units, counted or not, where the word is found whole.
    /// </summary>
    private (float Matched, float Evidence, float WordsMatched) Measure(List<QueryUnit> units, float[] infos, int article)
    {
        var (matched, evidence, wordsMatched) = (0f, 0f, 0f);
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            var whole = unit.Wholes.Any(w => Counts(w.Key, w.Weight) && Has(w.Key, article));
            var share = whole ? 1f
                : unit.Grams.Count == 0 ? 0f
                : (float)unit.Grams.Count(g => Has(g.Key, article)) / unit.Grams.Count;
            if (unit.Counted)
            {
                matched += share;
                evidence += share * infos[u];
            }

            if (whole && !unit.IsConcept)
            {
                wordsMatched += 1;
            }
        }

        return (matched, evidence, wordsMatched);
    }

    /// <summary>Per-article sums of a listing's first pass.</summary>
    private readonly record struct Measures(float[] Found, float[] Evidence, float[] WordsFound);

    /// <summary>Whether pass 1 looked a whole alternative up at all (common synonyms are skipped there, so here too).</summary>
    private bool Counts(string key, float weight) =>
        weight > SynonymWeight || (idf.TryGetValue(key, out var termIdf) && termIdf >= CommonSynonym * maxIdf);

    /// <summary>
    /// How informative the units are that the title, a concept pointing at the article or a learned
    /// term has; and, apart, those only the article's lead has.
    /// </summary>
    private (float Title, float Lead) TitleEvidence(List<QueryUnit> units, float[] infos, int article)
    {
        var (title, lead) = (analysed[article].Title, analysed[article].Lead);
        var extra = Extras.TermsFor(Articles[article].Slug);
        var (inTitle, inLead) = (0f, 0f);
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            if (!unit.Counted)
            {
                continue;
            }

            if (unit.Wholes.Any(w => title.ContainsKey(w.Key) || extra.ContainsKey(w.Key)))
            {
                inTitle += infos[u];
            }
            else if (unit.Wholes.Any(w => Counts(w.Key, w.Weight) && lead.Contains(w.Key)))
            {
                inLead += infos[u];
            }
            else if (unit.Grams.Count > 0)
            {
                var (titleShare, leadShare) = ((float)unit.Grams.Count(g => title.ContainsKey(g.Key)) / unit.Grams.Count, (float)unit.Grams.Count(g => lead.Contains(g.Key)) / unit.Grams.Count);
                inTitle += infos[u] * titleShare;
                inLead += infos[u] * Math.Max(0, leadShare - titleShare);
            }
        }

        return (inTitle, inLead);
    }

    /// <summary>The surface words an article has of each unit (only for the few hits returned).</summary>
    private List<string> MatchedTexts(List<QueryUnit> units, int article)
    {
        var texts = new List<string>();
        foreach (var unit in units)
        {
            var any = false;
            foreach (var (key, _, text) in unit.Wholes)
            {
                if (Has(key, article))
                {
                    any = true;
                    if (!key.StartsWith("c:", StringComparison.Ordinal))
                    {
                        texts.Add(text);
                    }
                }
            }

            if (!any && unit.Grams.Any(g => g.Key.StartsWith("b:", StringComparison.Ordinal) && Has(g.Key, article)))
            {
                texts.AddRange(unit.Grams.Where(g => g.Key.StartsWith("b:", StringComparison.Ordinal) && Has(g.Key, article)).Select(g => g.Key[2..]));
            }
        }

        return texts.Distinct(StringComparer.Ordinal).ToList();
    }

    private bool Has(string key, int article) =>
        postings.TryGetValue(key, out var list) && Array.BinarySearch(list, new Posting(article, 0), PostingByArticle.Instance) >= 0;

    private sealed class PostingByArticle : IComparer<Posting>
    {
        public static readonly PostingByArticle Instance = new();

        public int Compare(Posting x, Posting y) => x.Article.CompareTo(y.Article);
    }

    /// <summary>
    /// The query as units: words (with typo corrections for words the catalogue lacks) and the
    /// concepts its phrases name, which take over the words they consist of.
    /// </summary>
    private List<QueryUnit> Plan(string? text)
    {
        // SMTP replies are read by their standard structure and stand for the block reasons the
        // articles name; put first, so the word still being typed stays last.
        var explained = SmtpReplies.Explain(text);
        if (explained.Length > 0)
        {
            text = explained + " " + text;
        }

        var byWord = new SortedDictionary<int, QueryUnit>();
        foreach (var term in KoreanText.Analyze(text, AnalysisMode.Query))
        {
            if (!byWord.TryGetValue(term.Word, out var unit))
            {
                byWord[term.Word] = unit = new QueryUnit(string.Empty, [], []);
            }

            if (term.Kind == TermKind.Word)
            {
                if (unit.Wholes.All(w => w.Key != term.Key))
                {
                    unit.Wholes.Add((term.Key, WordWeight(term), term.Text));
                }

                if (unit.Surface.Length == 0)
                {
                    byWord[term.Word] = unit = unit with { Surface = term.Text };
                }
            }
            else if (unit.Grams.All(g => g.Key != term.Key))
            {
                unit.Grams.Add((term.Key, term.Kind == TermKind.Trigram ? 0.3f : 1f));
            }
        }

        var words = byWord.Values.ToList();
        var units = new List<QueryUnit>();
        var corrected = KoreanText.Normalize(text);
        for (var w = 0; w < words.Count; w++)
        {
            var unit = words[w];
            // A word the catalogue has never seen is most likely a slip: try the nearest known words
            // (and the English words the analyser knows a Korean word for); then a slip in a word too
            // short to correct alone, read together with its neighbour; then a compound of known words.
            if (unit.Wholes.Count == 0 || unit.Wholes.Any(x => postings.ContainsKey(x.Key)))
            {
                units.Add(unit);
                continue;
            }

            var written = unit.Wholes[0].Text;
            var candidates = typos.Candidates(written);
            foreach (var candidate in candidates)
            {
                unit.Wholes.Add((new Term(TermKind.Word, candidate).Key, CorrectionWeight, candidate));
                if (Vocabulary.LatinToKorean.TryGetValue(candidate, out var korean))
                {
                    unit.Wholes.Add((new Term(TermKind.Word, korean).Key, CorrectionWeight, korean));
                }
            }

            var replacement = candidates.Count > 0 ? candidates[0] : CorrectWithNeighbour(unit, w > 0 ? words[w - 1] : null, w + 1 < words.Count ? words[w + 1] : null);
            if (replacement is null)
            {
                var parts = SplitCompound(unit);
                units.AddRange(parts);
                replacement = parts.Count > 1 ? string.Concat(parts.Select(part => part.Surface)) : null;
            }
            else
            {
                units.Add(unit);
            }

            if (replacement is not null)
            {
                corrected = corrected.Replace(written, replacement, StringComparison.Ordinal);
            }
        }

        // Phrases are looked for in the text as typed and as corrected, so a slip inside a phrase ("매일" for "메일") still names its concept.
        var open = text is { Length: > 0 } && !char.IsWhiteSpace(text[^1]) && corrected.Length > 0 ? corrected[(corrected.LastIndexOf(' ') + 1)..] : null;
        var mentioned = Extras.Vocabulary.Match(text, open, Known);
        if (corrected != KoreanText.Normalize(text))
        {
            mentioned.AddRange(Extras.Vocabulary.Match(corrected, open, Known).Where(c => mentioned.All(m => m.Concept.Key != c.Concept.Key)));
        }

        foreach (var (concept, phrase) in mentioned)
        {
            var phraseWords = KoreanText.Analyze(phrase, AnalysisMode.Query).Where(t => t.Kind == TermKind.Word).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);
            var compactPhrase = phrase.Replace(" ", string.Empty, StringComparison.Ordinal);
            var conceptUnit = new QueryUnit(phrase, [(DomainVocabulary.TermKey(concept.Key), ConceptWeight, phrase)], [], IsConcept: true);
            foreach (var word in Extras.Vocabulary.ExpansionWords(concept.Key))
            {
                conceptUnit.Wholes.Add((new Term(TermKind.Word, word).Key, SynonymWeight, word));
            }

            // The words of the phrase become part of the concept, so "되돌아와요" is not also counted on its own.
            for (var i = 0; i < units.Count; i++)
            {
                var unit = units[i];
                if (unit.Counted && unit.Surface.Length > 0 && (phraseWords.Contains(unit.Surface) || compactPhrase.Contains(unit.Surface, StringComparison.Ordinal)))
                {
                    units[i] = unit with { Counted = false };
                }
            }

            units.Add(conceptUnit);
        }

        return units;
    }

    private bool Known(string word) => postings.ContainsKey(new Term(TermKind.Word, word).Key);

    /// <summary>
    /// An unknown Korean compound becomes one unit per known word in it ("대량메일발송" → 대량메일, 발송),
    /// a misspelt part standing for the word it corrects to ("타시스탬" → 타, 시스템); a leading syllable
    /// the catalogue writes before the next part ("타" of 타 시스템) is matched by that bigram. The
    /// compound's own n-grams go with the first part.
    /// </summary>
    private List<QueryUnit> SplitCompound(QueryUnit unit)
    {
        var parts = CompoundWords.Split(unit.Wholes[0].Text, Resolve, pair => postings.ContainsKey(new Term(TermKind.Bigram, pair).Key));
        if (parts.Count == 0)
        {
            return [unit];
        }

        return parts.Select((part, i) => part.Length == 1
            ? new QueryUnit(part, [], [(new Term(TermKind.Bigram, $"{part}{parts[1][0]}").Key, 1f)])
            : new QueryUnit(part, [(new Term(TermKind.Word, part).Key, 1f, part)], i == 0 ? unit.Grams : [])).ToList();

        string? Resolve(string part) => Known(part) ? part : typos.Candidates(part) is [var nearest, ..] && Known(nearest) ? nearest : null;
    }

    /// <summary>
    /// A two-syllable word is too short to correct alone ("대랑"), but read together with the word
    /// after or before it ("대랑메일" → 대량메일) a slip of one jamo is as clear as in any longer word.
    /// The unit gets the joined correction and the part of it the word stands for; returns that part.
    /// </summary>
    private string? CorrectWithNeighbour(QueryUnit unit, QueryUnit? before, QueryUnit? after)
    {
        var written = unit.Wholes[0].Text;
        if (written.Length != 2 || !written.All(KoreanText.IsHangulSyllable))
        {
            return null;
        }

        foreach (var (neighbour, leading) in new[] { (after, false), (before, true) })
        {
            if (neighbour is null || neighbour.Surface.Length < 2 || !neighbour.Surface.All(KoreanText.IsHangulSyllable))
            {
                continue;
            }

            var joined = leading ? neighbour.Surface + written : written + neighbour.Surface;
            foreach (var candidate in typos.Candidates(joined))
            {
                var own = leading
                    ? candidate.StartsWith(neighbour.Surface, StringComparison.Ordinal) ? candidate[neighbour.Surface.Length..] : null
                    : candidate.EndsWith(neighbour.Surface, StringComparison.Ordinal) ? candidate[..^neighbour.Surface.Length] : null;
                if (own is not { Length: >= 2 })
                {
                    continue;
                }

                unit.Wholes.Add((new Term(TermKind.Word, candidate).Key, CorrectionWeight, candidate));
                if (Known(own))
                {
                    unit.Wholes.Add((new Term(TermKind.Word, own).Key, CorrectionWeight, own));
                }

                return own;
            }
        }

        return null;
    }

    /// <summary>A word with digits is a code (an SMTP reply, a port) and decides more than any other word.</summary>
    private static float WordWeight(Term term) => term.Text.Any(char.IsAsciiDigit) ? 2f : 1f;
}
