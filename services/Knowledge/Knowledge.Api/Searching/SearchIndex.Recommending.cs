using System.Buffers;

namespace SupportPlatform.Knowledge.Searching;

/// <param name="Evidence">How much informative matter of the query the article has: the sum, over the query's units, of the share found times how rare the unit is in the catalogue (0–1 each).</param>
/// <param name="Matched">The words and phrases of the query (as the analyser sees them, with their corrections and synonyms) that the article has; what the snippet highlights.</param>
/// <param name="TitleEvidence">The same, counting only what the title, a concept pointing at the article, or a learned term has: text that only brushes the body ("방법", "메뉴") has little of it.</param>
public sealed record RecommendationHit(IndexedArticle Article, double Score, double Coverage, double Evidence, double TitleEvidence, IReadOnlyList<string> Matched);

/// <summary>
/// One thing the customer said: a word, or a concept of the domain vocabulary that swallowed the
/// words of its phrase. Its "whole" terms (the word, its typo corrections, the concept and its
/// synonyms) count once, by the best; its n-grams add partial credit for half-typed words.
/// </summary>
/// <param name="Counted">False for words a concept took over: they still score, but coverage and evidence count the concept once.</param>
internal sealed record QueryUnit(string Surface, List<(string Key, float Weight, string Text)> Wholes, List<(string Key, float Weight)> Grams, bool Counted = true);

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
    public IReadOnlyList<RecommendationHit> Recommend(string? text, int limit, Func<IndexedArticle, bool>? exclude = null)
    {
        var units = Plan(text);
        var n = Articles.Count;
        if (units.Count == 0 || n == 0 || limit <= 0)
        {
            return [];
        }

        // Pass 1 ranks every article by adding numbers, as plain BM25 does. Only a unit with several
        // whole alternatives (a concept, a corrected word) needs the best of them per article.
        var scores = ArrayPool<float>.Shared.Rent(n);
        var best = ArrayPool<float>.Shared.Rent(n);
        var seen = ArrayPool<int>.Shared.Rent(n);
        var touched = new List<int>();
        var infos = new float[units.Count];
        try
        {
            Array.Clear(scores, 0, n);
            Array.Clear(seen, 0, n);
            for (var u = 0; u < units.Count; u++)
            {
                var unit = units[u];
                var info = 0f;
                var several = unit.Wholes.Count > 1;
                touched.Clear();
                foreach (var (key, weight, _) in unit.Wholes)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        continue;
                    }

                    var termIdf = idf[key];
                    // A synonym as common as "메일" adds little but costs a pass over most of the catalogue.
                    if (weight <= SynonymWeight && termIdf < CommonSynonym * maxIdf)
                    {
                        continue;
                    }

                    info = Math.Max(info, termIdf / maxIdf);
                    var termWeight = weight * termIdf;
                    if (!several)
                    {
                        foreach (var posting in list)
                        {
                            scores[posting.Article] += termWeight * posting.Weight;
                        }

                        continue;
                    }

                    var stamp = u + 1;
                    foreach (var posting in list)
                    {
                        var article = posting.Article;
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

                var gramInfo = 0f;
                foreach (var (key, weight) in unit.Grams)
                {
                    if (!postings.TryGetValue(key, out var list))
                    {
                        continue;
                    }

                    var termIdf = idf[key];
                    gramInfo += termIdf / maxIdf / unit.Grams.Count;
                    var termWeight = weight * termIdf;
                    foreach (var posting in list)
                    {
                        scores[posting.Article] += termWeight * posting.Weight;
                    }
                }

                // A unit known only through its n-grams (a word being typed) is as informative as its n-grams are rare.
                infos[u] = info > 0 ? info : gramInfo;
            }

            // Pass 2 measures only the articles returned: how much of the query each has, and where.
            var top = new PriorityQueue<int, (float Score, int Order)>(limit + 1);
            for (var i = 0; i < n; i++)
            {
                if (scores[i] <= 0 || (exclude is not null && exclude(Articles[i])))
                {
                    continue;
                }

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

            var counted = Math.Max(1, units.Count(u => u.Counted));
            return ranked.Select(r =>
            {
                var (matched, evidence) = Measure(units, infos, r.Article);
                return new RecommendationHit(
                    Articles[r.Article],
                    Math.Round(r.Score, 3),
                    Math.Round(matched / counted, 3),
                    Math.Round(evidence, 3),
                    Math.Round(TitleEvidence(units, infos, r.Article), 3),
                    MatchedTexts(units, r.Article));
            }).ToList();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scores);
            ArrayPool<float>.Shared.Return(best);
            ArrayPool<int>.Shared.Return(seen);
        }
    }

    /// <summary>The share of each counted unit the article has (1 for a whole alternative, else its share of n-grams), summed plainly and weighted by how informative the unit is.</summary>
    private (float Matched, float Evidence) Measure(List<QueryUnit> units, float[] infos, int article)
    {
        var (matched, evidence) = (0f, 0f);
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            if (!unit.Counted)
            {
                continue;
            }

            var share = unit.Wholes.Any(w => Counts(w.Key, w.Weight) && Has(w.Key, article)) ? 1f
                : unit.Grams.Count == 0 ? 0f
                : (float)unit.Grams.Count(g => Has(g.Key, article)) / unit.Grams.Count;
            matched += share;
            evidence += share * infos[u];
        }

        return (matched, evidence);
    }

    /// <summary>Whether pass 1 looked a whole alternative up at all (common synonyms are skipped there, so here too).</summary>
    private bool Counts(string key, float weight) =>
        weight > SynonymWeight || (idf.TryGetValue(key, out var termIdf) && termIdf >= CommonSynonym * maxIdf);

    private float TitleEvidence(List<QueryUnit> units, float[] infos, int article)
    {
        var title = analysed[article].Title;
        var extra = Extras.TermsFor(Articles[article].Slug);
        var sum = 0f;
        for (var u = 0; u < units.Count; u++)
        {
            var unit = units[u];
            if (!unit.Counted)
            {
                continue;
            }

            if (unit.Wholes.Any(w => title.ContainsKey(w.Key) || extra.ContainsKey(w.Key)))
            {
                sum += infos[u];
            }
            else if (unit.Grams.Count > 0)
            {
                sum += infos[u] * unit.Grams.Count(g => title.ContainsKey(g.Key)) / unit.Grams.Count;
            }
        }

        return sum;
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

        var units = byWord.Values.ToList();
        var corrected = KoreanText.Normalize(text);
        foreach (var unit in units)
        {
            // A word the catalogue has never seen is most likely a slip: try the nearest known words
            // (and the English words the analyser knows a Korean word for).
            if (unit.Wholes.Count > 0 && unit.Wholes.All(w => !postings.ContainsKey(w.Key)))
            {
                var candidates = typos.Candidates(unit.Wholes[0].Text);
                foreach (var candidate in candidates)
                {
                    unit.Wholes.Add((new Term(TermKind.Word, candidate).Key, CorrectionWeight, candidate));
                    if (Vocabulary.LatinToKorean.TryGetValue(candidate, out var korean))
                    {
                        unit.Wholes.Add((new Term(TermKind.Word, korean).Key, CorrectionWeight, korean));
                    }
                }

                if (candidates.Count > 0)
                {
                    corrected = corrected.Replace(unit.Wholes[0].Text, candidates[0], StringComparison.Ordinal);
                }
            }
        }

        // Phrases are looked for in the text as typed and as corrected, so "매일이 안와요" still names mail not arriving.
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
            var conceptUnit = new QueryUnit(phrase, [(DomainVocabulary.TermKey(concept.Key), ConceptWeight, phrase)], []);
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

    /// <summary>A word with digits is a code (an SMTP reply, a port) and decides more than any other word.</summary>
    private static float WordWeight(Term term) => term.Text.Any(char.IsAsciiDigit) ? 2f : 1f;
}
