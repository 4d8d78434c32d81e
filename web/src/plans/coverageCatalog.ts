// The catalogue as the comparison's coverage needs it (problem mechanisms, technique targets).
import { useMemo } from "react";
import { useTechniques } from "../sessions/sessionQueries";
import { useCatalogProblems } from "./planQueries";
import type { CoverageCatalog } from "./planView";

export function useCoverageCatalog(): { catalog: CoverageCatalog | null; names: Map<string, string> } {
  const problems = useCatalogProblems();
  const techniques = useTechniques();
  return useMemo(() => {
    const names = new Map<string, string>((techniques.data ?? []).map((each) => [each.id, each.name]));
    if (!problems.data || !techniques.data) return { catalog: null, names };
    return {
      names,
      catalog: {
        problems: new Map(
          problems.data.map((problem) => [
            problem.id,
            problem.mechanisms,
          ]),
        ),
        techniques: new Map(techniques.data.map((each) => [each.id, each.targets.map((target) => target.id)])),
      },
    };
  }, [problems.data, techniques.data]);
}
