# SPDX-License-Identifier: GPL-2.0-or-later
# bash completion for footsockctl (footsockctl(1)).
# Installed as /usr/share/bash-completion/completions/footsockctl; plain
# bash, it needs none of bash-completion's helpers.

# The recording ids, from the same footsockctl on the same bus; only with
# jq, and silently nothing when the daemon cannot be asked.
_footsockctl_recordings()
{
	command -v jq >/dev/null 2>&1 || return 0
	"$@" --json record list 2>/dev/null |
		jq -r '.recordings[].id' 2>/dev/null
}

# COMPREPLY from a word list and the word being completed.
_footsockctl_words()
{
	mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

_footsockctl_files()
{
	compopt -o filenames 2>/dev/null
	mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

# The subjects with a profile (the files footsockd keeps, readable by
# group footsock; nothing when they are not).
_footsockctl_profiles()
{
	local f dir=${FOOTSOCK_PROFILE_DIR:-/var/lib/footsock/profiles}

	for f in "$dir"/*.json; do
		[[ -e $f ]] || continue
		f=${f##*/}
		printf '%s\n' "${f%.json}"
	done
}

_footsockctl()
{
	# The words up to the cursor, split on blanks only: bash's COMP_WORDS
	# also splits at ':' and '=', which would cut a D-Bus address such as
	# unix:path=/run/bus into five words.
	local -a words
	local line=${COMP_LINE:0:COMP_POINT}
	read -ra words <<<"$line"
	[[ -z $line || $line == *[[:blank:]] ]] && words+=('')
	local cword=$((${#words[@]} - 1))
	local cur=${words[cword]}
	local prev=${words[cword - 1]}
	local commands='status watch list check events record export tare rate analyze report stream profile'
	local -a ctl=("${words[0]}")
	local cmd='' sub='' i npos=0

	COMPREPLY=()
	# The command is the first word that is not a global option; the
	# words after it are its arguments, counted as positionals unless
	# they are options or an option's value.
	for ((i = 1; i < cword; i++)); do
		local w=${words[i]}
		if [[ -z $cmd ]]; then
			case $w in
			--bus-address)
				ctl+=("$w" "${words[i + 1]}")
				((i++))
				;;
			--bus-address=*) ctl+=("$w") ;;
			-*) ;;
			*) cmd=$w ;;
			esac
			continue
		fi
		case $w in
		--count | --interval-ms | --max-level | --since | --subject | \
			--note | --format | -o | --duration | --profile)
			((i++))
			;;
		-*) ;;
		*)
			[[ ($cmd == record || $cmd == profile) && -z $sub ]] && sub=$w
			((npos++))
			;;
		esac
	done

	if [[ -z $cmd ]]; then
		case $prev in
		--bus-address) return 0 ;;
		esac
		if [[ $cur == -* ]]; then
			_footsockctl_words '--json --bus-address --help --version' "$cur"
		else
			_footsockctl_words "$commands" "$cur"
		fi
		return 0
	fi

	# An option's value.
	case $prev in
	--max-level)
		_footsockctl_words 'ok watch warning' "$cur"
		return 0
		;;
	--format)
		if [[ $cmd == analyze ]]; then
			_footsockctl_words 'auto footsock moticon gaitpdb' "$cur"
		elif [[ $cmd == report ]]; then
			_footsockctl_words 'html svg' "$cur"
		elif [[ $cmd == stream ]]; then
			_footsockctl_words 'csv jsonl binary' "$cur"
		else
			_footsockctl_words 'csv json' "$cur"
		fi
		return 0
		;;
	-o | --profile)
		_footsockctl_files "$cur"
		return 0
		;;
	--count | --interval-ms | --since | --subject | --note | --duration)
		return 0
		;;
	esac

	local opts='--help' args=''
	case $cmd in
	status)
		opts+=' --json'
		((npos == 0)) && args='left right'
		;;
	watch) opts+=' --count --interval-ms' ;;
	stream)
		opts+=' --format --duration --count --json'
		((npos == 0)) && args='left right both'
		;;
	list) opts+=' --json' ;;
	check) opts+=' --max-level' ;;
	events) opts+=' --since --json' ;;
	record)
		case $sub in
		'') args='start stop list' ;;
		start) opts+=' --subject --note --json' ;;
		stop | list) opts+=' --json' ;;
		esac
		;;
	export)
		opts+=' --format -o'
		if ((npos == 0)) && [[ $cur != -* ]]; then
			_footsockctl_words "$(_footsockctl_recordings "${ctl[@]}")" "$cur"
			return 0
		fi
		;;
	tare)
		opts+=' --json'
		((npos == 0)) && args='left right'
		;;
	rate)
		opts+=' --json'
		((npos == 1)) && args='left right'
		;;
	profile)
		case $sub in
		'') args='list show reset' ;;
		list) opts+=' --json' ;;
		show | reset)
			[[ $sub == show ]] && opts+=' --json'
			((npos == 1)) && args=$(_footsockctl_profiles)
			;;
		esac
		;;
	analyze)
		opts+=' --format --profile --json'
		if ((npos == 0)) && [[ $cur != -* ]]; then
			_footsockctl_files "$cur"
			return 0
		fi
		;;
	report)
		opts+=' --format -o'
		if ((npos == 0)) && [[ $cur != -* ]]; then
			_footsockctl_files "$cur"
			return 0
		fi
		;;
	*) return 0 ;;
	esac
	if [[ $cur == -* ]]; then
		_footsockctl_words "$opts" "$cur"
	else
		_footsockctl_words "$args" "$cur"
	fi
	return 0
}

complete -F _footsockctl footsockctl
