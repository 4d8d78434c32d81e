#!/usr/bin/env bash
# Fits the same simulated practice with tessera and with R's lme4 in one run and prints both
# times, the speed ratio and the largest relative difference in the estimates.
#   bench/lme4_compare.sh [clients=20000] [sessions=10] [seed=1]
# Needs a built tessera (make build) and R with lme4 and jsonlite (scripts/packages.d/stats.txt).
# LME4_TIGHT=0 skips the untimed second lme4 fit to tight tolerances.
set -euo pipefail
clients=${1:-20000}
sessions=${2:-10}
seed=${3:-1}
root=$(cd "$(dirname "$0")/.." && pwd)
tessera=${TESSERA:-$root/build/tessera}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$tessera" simulate --clients "$clients" --sessions "$sessions" --seed "$seed" \
  --out "$work/practice.csv" >&2
start=$(date +%s.%N)
"$tessera" fit growth --input "$work/practice.csv" --id client_id --time session --y phq9 \
  --covariate intake_phq9 > "$work/tessera.json"
end=$(date +%s.%N)
tessera_seconds=$(echo "$end - $start" | bc -l)

Rscript - "$work/practice.csv" "$work/tessera.json" "$tessera_seconds" <<'RSCRIPT'
suppressPackageStartupMessages({ library(lme4); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
data <- read.csv(args[1])
ours <- fromJSON(args[2])
tessera_seconds <- as.numeric(args[3])
# lme4 as a user runs it: defaults, REML. Only the lmer() call is timed (not reading the CSV).
timing <- system.time(fit <- lmer(phq9 ~ session + intake_phq9 + (1 + session | client_id),
                                  data = data, REML = TRUE))
lme4_seconds <- timing[["elapsed"]]
coefs <- summary(fit)$coefficients
vc <- as.data.frame(VarCorr(fit))
reference <- c(coefs[, "Estimate"], coefs[, "Std. Error"], vc$sdcor[1:3], sigma(fit))
names(reference) <- c(paste0("estimate ", rownames(coefs)), paste0("se ", rownames(coefs)),
                      "sd_intercept", "sd_slope", "corr", "sigma")
mine <- c(sapply(ours$fixed, function(f) f$estimate), sapply(ours$fixed, function(f) f$se),
          ours$random$sd_intercept, ours$random$sd_slope, ours$random$corr, ours$sigma)
relative <- abs(mine - reference) / abs(reference)
worst <- which.max(relative)
cat(sprintf("data: %d clients, %d observations\n", length(unique(data$client_id)), nrow(data)))
cat(sprintf("tessera (read CSV + fit): %.3f s\n", tessera_seconds))
cat(sprintf("lme4 lmer() only:         %.3f s\n", lme4_seconds))
cat(sprintf("ratio lme4 / tessera:     %.1fx\n", lme4_seconds / tessera_seconds))
cat(sprintf("largest relative difference: %.2e (%s)\n", relative[worst], names(reference)[worst]))
cat(sprintf("log-likelihood: tessera %.6f lme4 %.6f difference %.2e\n", ours$loglik,
            as.numeric(logLik(fit)), ours$loglik - as.numeric(logLik(fit))))
# lme4's default optimiser stops early (it often warns about it at this size); refitting to
# tight tolerances shows how much of the difference is lme4's stopping rule. Not timed.
if (Sys.getenv("LME4_TIGHT") != "0") {
  tight <- update(fit, control = lmerControl(optimizer = "nloptwrap", optCtrl = list(
    xtol_abs = 1e-12, ftol_abs = 1e-15, xtol_rel = 1e-12, ftol_rel = 1e-15, maxeval = 1e5),
    check.conv.grad = .makeCC("ignore", tol = 1)))
  coefs <- summary(tight)$coefficients
  vc <- as.data.frame(VarCorr(tight))
  tight_reference <- c(coefs[, "Estimate"], coefs[, "Std. Error"], vc$sdcor[1:3], sigma(tight))
  tight_relative <- abs(mine - tight_reference) / abs(tight_reference)
  cat(sprintf(paste0("lme4 refitted to tight tolerances (not timed): largest relative ",
                     "difference %.2e (%s), log-likelihood difference %.2e\n"),
              max(tight_relative), names(reference)[which.max(tight_relative)],
              ours$loglik - as.numeric(logLik(tight))))
}
RSCRIPT
