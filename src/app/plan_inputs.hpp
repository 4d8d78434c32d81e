#pragma once
// The planner's inputs from stored records: a client's stored profile and the therapists'
// stored competencies, converted to the planner's types (docs/planner.md) with the same
// validation a profile file gets. Conventions of the profile document's fields (docs/http.md,
// docs/schemas/client-profile.schema.json):
//  - traits: the STS dimensions functional_impairment, reactance, distress, social_support
//    (low | moderate | high) and coping_style (internalizing | externalizing | mixed; British
//    spellings accepted); other traits are kept in the record but not used by the planner.
//  - preferences: the C-NIP scales directiveness, emotional_intensity, past_orientation,
//    challenge as whole numbers -3..3; other preferences are not used by the planner.
//  - risks: "suicidality:<none|low|moderate|high>", "dissociation:<none|mild|severe>",
//    "self_harm", "psychosis", "substance_intoxication".
//  - competence levels: the one scale none < basic < competent < expert (decision 0220).
//    Style values in -3..3 are rounded to whole C-NIP points.

#include <vector>

#include "catalog/catalog.hpp"
#include "core/records/people.hpp"
#include "core/result.hpp"
#include "planner/profile.hpp"
#include "planner/therapist.hpp"

namespace tessera::app {

/// InvalidArgument naming the field ("profile.traits.reactance 'huge' is not one of low,
/// moderate, high") when a used field cannot be read, or when the planner's validation fails.
Result<planner::ClientProfile> PlannerProfile(const ClientProfile& stored,
                                              const catalog::Catalog& catalog);

/// InvalidArgument naming the therapist and field when a model, technique or style value is
/// not usable.
Result<planner::Therapist> PlannerTherapist(const Therapist& stored,
                                            const catalog::Catalog& catalog);

}  // namespace tessera::app
