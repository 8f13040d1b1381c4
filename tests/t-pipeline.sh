#!/bin/sh
# The example pipelines of .ci/examples/, run as written: their shell
# steps (extracted from the YAML by tests/ci/steps.py), in order, in a
# temporary layout like a forge's: a content-only repository with two
# commits (tests/diff/base, then tests/diff/content on a branch under
# review) and the tool's repository beside it (a clone of this one at
# HEAD, tagged with the version the pipeline pins).  What the forge does
# itself is done locally instead: the checkout is a git clone, the
# artifact upload a copy, GITHUB_PATH and the job summary are files.
# Each step must succeed; the summary (or job log) must say what the
# change does to the report, and the draft must be there; on a push, the
# base is the commit before; a change with an error fails the job, which
# says where (annotation, log, Code Quality report).
. "$(dirname "$0")/lib.sh"

# A clean environment for the steps, like a runner's.
PATH0=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME="$WORK/home" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME"
git config --global user.name "Test" && git config --global user.email test@example.org
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# The tool's repository, at HEAD; for a tree without its history (an
# unpacked archive), its sources committed once.
TOOL=$WORK/rapporteur
if top=$(git -C "$TOP" rev-parse --show-toplevel 2>/dev/null); then
	git clone -q --no-checkout "$top" "$TOOL" &&
	    git -C "$TOOL" checkout -q --detach "$(git -C "$TOP" rev-parse HEAD)"
else
	mkdir -p "$TOOL" && (cd "$TOP" && tar -cf - --exclude=./.git \
	    --exclude=./gen/asan --exclude=./gen/fuzz --exclude=./out \
	    --exclude=./tests/work --exclude=./tests/node_modules \
	    --exclude=./tests/fuzz/bin --exclude='*.o' --exclude='*.a' \
	    --exclude=./gen/rapporteur --exclude=./tests/unit \
	    --exclude=./tests/unit-chart --exclude=./tests/unit-layout \
	    --exclude=./tests/unit-pdfpost --exclude=./tests/rapporteur-relayout \
	    --exclude=./tests/bench/gencontent --exclude=./tests/bench/timer \
	    --exclude=./tests/bench/floor --exclude=./tests/bench/md2typ \
	    --exclude=./tests/bench/node_modules .) | tar -xf - -C "$TOOL" &&
	    git -C "$TOOL" init -q && git -C "$TOOL" add -A &&
	    git -C "$TOOL" commit -qm "rapporteur"
fi || { fail "the tool's repository"; exit 0; }

# The content repository: main holds the base, "change" the change.
REPO=$WORK/content-repo
mkdir -p "$REPO"
cp -R "$TOP/tests/diff/base" "$REPO/content"
(cd "$REPO" && git init -q && git add -A && git commit -qm "Contenu de base") &&
(cd "$REPO" && git checkout -qb change && rm -rf content &&
    cp -R "$TOP/tests/diff/content" content && git add -A &&
    git commit -qm "Édition 2016 : statut, valeurs, récit, synthèse") ||
    { fail "the content repository"; exit 0; }
# And "broken", a change with an error in it.
(cd "$REPO" && git checkout -qb broken &&
    sed -i 's|<value year="2014">10</value>|<value year="2014">dix</value>|' content/indicators/m01.xml &&
    git commit -qam "Une erreur" && git checkout -q change) ||
    { fail "the content repository"; exit 0; }
BASE_SHA=$(git -C "$REPO" rev-parse main)

# run_steps NAME FORGE YAML BRANCH EVENT EXPECT: runs the pipeline in
# $WORK/NAME on BRANCH for a pull or merge request into main (EVENT
# "request") or a push of BRANCH onto main ("push"); its steps' output
# goes to $WORK/NAME/log.  EXPECT "ok": every step must succeed; "fail":
# a step must fail, and what follows is not run.
run_steps() {
	name=$1 forge=$2 yml=$3 branch=$4 event=$5 expect=$6 dir=$WORK/$1
	mkdir -p "$dir/steps" "$dir/artifact"
	python3 "$TOP/tests/ci/steps.py" "$forge" "$yml" "$dir/steps" ||
	    { fail "$name: steps read from $yml"; return 1; }
	ver=$(. "$dir/steps/env.sh" && echo "$RAPPORTEUR_VERSION")
	git -C "$TOOL" tag -f "$ver" >/dev/null
	ws=$dir/ws
	: >"$dir/path" >"$dir/summary" >"$dir/log"
	failed=
	for s in "$dir"/steps/[0-9]*; do
		n=$(basename "$s")
		case $s in
		*.uses)
			act=$(head -1 "$s")
			case $act in
			actions/checkout@*)
				git clone -q "$REPO" "$ws" &&
				    git -C "$ws" checkout -q "$branch" ;;
			actions/upload-artifact@*)
				while read -r k p; do
					[ "$k" = path ] || continue
					(cd "$ws" && cp -R "$p" "$dir/artifact/") || exit 1
				done <"$dir/steps/artifacts" ;;
			*)
				false ;;
			esac >>"$dir/log" 2>&1 ||
			    { fail "$name: step $n ($act)" "$(tail -20 "$dir/log")"; return 1; }
			continue ;;
		esac
		if [ "$forge" = gitlab ] && [ ! -d "$ws" ]; then
			# The runner's own checkout of a merge request.
			git clone -q "$REPO" "$ws" &&
			    git -C "$ws" checkout -q "$branch"
		fi
		extra=$(tac "$dir/path" | tr '\n' ':')
		# What each forge's runner tells the job.
		case $forge.$event in
		github.request)
			set -- GITHUB_EVENT_NAME=pull_request \
			    GITHUB_BASE_REF=main GITHUB_HEAD_REF="$branch" ;;
		github.push)
			set -- GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main ;;
		gitlab.request)
			set -- CI_PIPELINE_SOURCE=merge_request_event \
			    CI_MERGE_REQUEST_DIFF_BASE_SHA="$BASE_SHA" \
			    CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main \
			    CI_COMMIT_BEFORE_SHA=0000000000000000000000000000000000000000 ;;
		gitlab.push)
			set -- CI_PIPELINE_SOURCE=push CI_COMMIT_BRANCH=main \
			    CI_COMMIT_BEFORE_SHA="$BASE_SHA" ;;
		esac
		if [ "$forge" = github ]; then
			set -- "$@" GITHUB_ACTIONS=true GITHUB_WORKSPACE="$ws" \
			    GITHUB_PATH="$dir/path" \
			    GITHUB_STEP_SUMMARY="$dir/summary" \
			    STEP_SHELL="sh -e"
		else
			set -- "$@" GITLAB_CI=true CI_PROJECT_DIR="$ws" \
			    STEP_SHELL="bash -e -o pipefail"
		fi
		# The pipeline's variables, but the tool's repository and its
		# installation folder here.
		(cd "$ws" && env -i PATH="$extra$PATH0" HOME="$HOME" \
		    GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC CI=true \
		    FORGE_ENV="$dir/steps/env.sh" \
		    RAPPORTEUR_REPO_OVERRIDE="file://$TOOL" \
		    RAPPORTEUR_PREFIX_OVERRIDE="$WORK/opt" "$@" \
		    bash -c '. "$FORGE_ENV" &&
			RAPPORTEUR_REPO=$RAPPORTEUR_REPO_OVERRIDE &&
			RAPPORTEUR_PREFIX=$RAPPORTEUR_PREFIX_OVERRIDE &&
			exec $STEP_SHELL "$1"' step "$s") >>"$dir/log" 2>&1 || {
			failed=$n
			break
		}
	done
	# GitLab keeps the artifacts of a failed job too (when: always).
	if [ "$forge" = gitlab ]; then
		while read -r k p; do
			(cd "$ws" && cp -R "$p" "$dir/artifact/") || return 1
		done <"$dir/steps/artifacts"
	fi
	if [ "$expect" = ok ] && [ -n "$failed" ]; then
		fail "$name: step $failed" "$(tail -30 "$dir/log")"
		return 1
	elif [ "$expect" = fail ] && [ -z "$failed" ]; then
		fail "$name: a step fails" "$(tail -30 "$dir/log")"
		return 1
	fi
	[ "$expect" = ok ] && pass "$name: every step of $(basename "$yml") succeeds"
	[ "$expect" = fail ] && pass "$name: the job fails (step $failed)"
	return 0
}

# draft_ok FORGE DRAFT: the draft site, PDF and review page, labelled
# with the commit, listing the changes.
draft_ok() {
	forge=$1 d=$2
	label=$(git -C "$WORK/$forge/ws" rev-parse --short HEAD)
	if [ -s "$d/2016/rapport-2016.pdf" ] && [ -s "$d/2016/index.html" ] &&
	    [ -s "$d/index.html" ] &&
	    grep -q "construction <code>$label</code>" "$d/2016/revue.html" &&
	    grep -q 'Changements par rapport à la base (5)' "$d/2016/revue.html"
	then pass "$forge: the draft (site, PDF, review page with the changes) is kept"
	else fail "$forge: the draft (site, PDF, review page with the changes) is kept" "$(ls -R "$d" | head -20)"; fi
}

STATUS='Mesure 1, 2016 : statut Partiellement réalisée → Réalisée'

# GitHub, Gitea, Forgejo: a pull request from "change" into main.
if run_steps github github "$TOP/.ci/examples/review.yml" change request ok; then
	s=$WORK/github/summary
	if grep -q '^### Ce que la modification change au rapport$' "$s" &&
	    grep -q "^- $STATUS" "$s" && grep -q '^5 changements par rapport à' "$s"
	then pass "github: the job summary says what the change does to the report"
	else fail "github: the job summary says what the change does to the report" "$(cat "$s")"; fi
	check "github: the tool at the pinned tag, installed with make install" \
	    test -x "$WORK/opt/bin/rapporteur" -a "$(cat "$WORK/opt/tag")" = v0.1.0
	check "github: the artifact has the changes as JSON" node -e '
		const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		if (d.changes.length !== 5) process.exit(1);' "$WORK/github/artifact/review/changes.json"
	draft_ok github "$WORK/github/artifact/review/brouillon"
fi

# GitLab: a merge request from "change" into main (the tool installed by
# the run above is used again, as on a runner that keeps its folder).
if run_steps gitlab gitlab "$TOP/.ci/examples/gitlab-ci.yml" change request ok; then
	l=$WORK/gitlab/log
	if grep -q '^### Ce que la modification change au rapport$' "$l" &&
	    grep -q "^- $STATUS" "$l"
	then pass "gitlab: the job log says what the change does to the report"
	else fail "gitlab: the job log says what the change does to the report" "$(cat "$l")"; fi
	check "gitlab: the Code Quality report is empty" \
	    test "$(cat "$WORK/gitlab/artifact/review/code-quality.json")" = "[]"
	check "gitlab: the changes for the merge request" \
	    grep -q "^- $STATUS" "$WORK/gitlab/artifact/review/changes.md"
	draft_ok gitlab "$WORK/gitlab/artifact/review/brouillon"
fi

# A push onto main: the base is the commit before.
for f in github gitlab; do
	case $f in github) y=review.yml ;; gitlab) y=gitlab-ci.yml ;; esac
	if run_steps $f-push $f "$TOP/.ci/examples/$y" change push ok; then
		case $f in github) out=$WORK/$f-push/summary ;; gitlab) out=$WORK/$f-push/log ;; esac
		check "$f, push: the changes against the commit before" grep -q "^- $STATUS" "$out"
	fi
done

# A change with an error: the check fails the job, which says where.
if run_steps github-broken github "$TOP/.ci/examples/review.yml" broken request fail; then
	check "github, error: annotated at its file and line" \
	    grep -q '^::error file=content/indicators/m01.xml,line=7,col=5::not a number: "dix"$' "$WORK/github-broken/log"
	check "github, error: no draft" test ! -e "$WORK/github-broken/ws/review/brouillon"
fi
if run_steps gitlab-broken gitlab "$TOP/.ci/examples/gitlab-ci.yml" broken request fail; then
	check "gitlab, error: in the log at its file and line" \
	    grep -q '^content/indicators/m01.xml:7:5: error: not a number: "dix"$' "$WORK/gitlab-broken/log"
	check "gitlab, error: in the Code Quality report" node -e '
		const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
		if (d.length !== 1 || d[0].location.path !== "content/indicators/m01.xml" ||
		    d[0].location.lines.begin !== 7) process.exit(1);' \
	    "$WORK/gitlab-broken/artifact/review/code-quality.json"
fi
