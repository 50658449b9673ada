# bash completion for boardpaper(1): commands, options, format names and
# file names.  Installed by make install into
# $(PREFIX)/share/bash-completion/completions/boardpaper.

_boardpaper()
{
	local cur prev cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*) cmd=${COMP_WORDS[i]}; break ;;
		esac
	done

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "build check pack new import -h --help -V --version" -- "$cur"))
		return
	fi

	case $prev in
	-f|--format)
		# a comma-separated list: complete the name after the last comma
		local head=${cur%,*} tail=${cur##*,} f
		[[ $head == "$cur" ]] && head= || head=$head,
		COMPREPLY=()
		for f in pdf html txt json; do
			[[ $f == "$tail"* ]] && COMPREPLY+=("$head$f")
		done
		return ;;
	-o|--output|--style|--deps)
		COMPREPLY=($(compgen -f -- "$cur"))
		return ;;
	-j|--jobs|-w|--width)
		return ;;
	esac

	if [[ $cur == -* ]]; then
		local opts
		case $cmd in
		build) opts="-f --format -o --output -j --jobs -w --width --strict --style --no-style --deps --dump-layout --dump-structure -h --help" ;;
		check) opts="--strict --style --no-style -h --help" ;;
		pack) opts="-f --format -o --output -w --width --include-exempt --duplex --deps --dump-structure --strict --style --no-style -h --help" ;;
		new) opts="--style --no-style" ;;
		import) opts="-o --output --force --style --no-style -h --help" ;;
		esac
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		return
	fi

	# the files each command reads, and folders to reach them
	local ext
	case $cmd in
	build|check) ext="md markdown" ;;
	pack) ext="yaml yml" ;;
	import) ext="docx txt" ;;
	*) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	esac
	COMPREPLY=($(compgen -d -- "$cur"))
	for i in $ext; do
		COMPREPLY+=($(compgen -f -X "!*.$i" -- "$cur"))
	done
}
complete -F _boardpaper -o filenames boardpaper
