import { invalidArgument } from '../../errors.js';
import type { StateStore } from '../../state/store.js';

// A small word list in the spirit of Docker's generator (adjective_surname); names are only required
// to be readable and unique.
const ADJECTIVES = ['admiring', 'agitated', 'amazing', 'angry', 'awesome', 'blissful', 'bold', 'boring', 'brave', 'busy',
  'charming', 'clever', 'compassionate', 'competent', 'confident', 'cool', 'cranky', 'crazy', 'dazzling', 'determined',
  'dreamy', 'eager', 'ecstatic', 'elastic', 'elated', 'elegant', 'eloquent', 'epic', 'exciting', 'fervent', 'festive',
  'focused', 'friendly', 'funny', 'gallant', 'gifted', 'goofy', 'gracious', 'happy', 'hardcore', 'heuristic', 'hopeful',
  'hungry', 'infallible', 'inspiring', 'jolly', 'jovial', 'keen', 'kind', 'laughing', 'loving', 'lucid', 'magical',
  'modest', 'musing', 'mystifying', 'naughty', 'nervous', 'nice', 'nifty', 'nostalgic', 'objective', 'optimistic',
  'peaceful', 'pedantic', 'pensive', 'practical', 'priceless', 'quirky', 'quizzical', 'relaxed', 'reverent', 'romantic',
  'sad', 'serene', 'sharp', 'silly', 'sleepy', 'stoic', 'strange', 'stupefied', 'suspicious', 'sweet', 'tender',
  'thirsty', 'trusting', 'unruffled', 'upbeat', 'vibrant', 'vigilant', 'vigorous', 'wizardly', 'wonderful', 'xenodochial',
  'youthful', 'zealous', 'zen'];
const SURNAMES = ['albattani', 'allen', 'archimedes', 'babbage', 'banach', 'bardeen', 'bartik', 'bell', 'bhabha', 'black',
  'blackwell', 'bohr', 'booth', 'borg', 'bose', 'brahmagupta', 'brattain', 'brown', 'buck', 'burnell', 'cannon', 'carson',
  'cerf', 'chandrasekhar', 'chaplygin', 'chatterjee', 'clarke', 'colden', 'cori', 'cray', 'curie', 'darwin', 'davinci',
  'diffie', 'dijkstra', 'dubinsky', 'easley', 'einstein', 'elbakyan', 'elgamal', 'elion', 'engelbart', 'euclid', 'euler',
  'faraday', 'feistel', 'fermat', 'fermi', 'feynman', 'franklin', 'galileo', 'gates', 'goldberg', 'goldstine', 'goldwasser',
  'goodall', 'hamilton', 'haslett', 'hawking', 'heisenberg', 'hellman', 'hermann', 'hertz', 'hodgkin', 'hofstadter',
  'hopper', 'hugle', 'hypatia', 'jackson', 'jang', 'jennings', 'jepsen', 'johnson', 'joliot', 'jones', 'kalam', 'kapitsa',
  'keldysh', 'keller', 'kepler', 'khorana', 'kilby', 'kirch', 'knuth', 'kowalevski', 'lalande', 'lamarr', 'lamport',
  'leakey', 'leavitt', 'lehmann', 'lewin', 'lichterman', 'liskov', 'lovelace', 'lumiere', 'mahavira', 'margulis',
  'matsumoto', 'maxwell', 'mayer', 'mccarthy', 'mcclintock', 'mclean', 'meitner', 'mendel', 'mendeleev', 'merkle',
  'mirzakhani', 'montalcini', 'moore', 'morse', 'napier', 'nash', 'neumann', 'newton', 'nobel', 'noether', 'northcutt',
  'noyce', 'panini', 'pare', 'pascal', 'pasteur', 'payne', 'perlman', 'pike', 'poincare', 'ptolemy', 'raman', 'ramanujan',
  'ride', 'ritchie', 'robinson', 'roentgen', 'rosalind', 'saha', 'sammet', 'shamir', 'shannon', 'shaw', 'shirley',
  'shockley', 'sinoussi', 'snyder', 'spence', 'stonebraker', 'sutherland', 'swanson', 'swartz', 'swirles', 'taussig',
  'tesla', 'tharp', 'thompson', 'torvalds', 'turing', 'varahamihira', 'vaughan', 'villani', 'visvesvaraya', 'volhard',
  'wescoff', 'wilbur', 'wiles', 'williams', 'williamson', 'wilson', 'wing', 'wozniak', 'wright', 'wu', 'yalow', 'yonath'];

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;

export function generateName(state: StateStore): string {
  for (let i = 0; i < 10; i++) {
    const name = `${pick(ADJECTIVES)}_${pick(SURNAMES)}${i > 0 ? i : ''}`;
    if (!state.containerIdForName(name)) return name;
  }
  return `${pick(ADJECTIVES)}_${pick(SURNAMES)}${Date.now() % 100000}`;
}

// docker parity: moby daemon/names.go validContainerNamePattern
const VALID_NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export function validateName(name: string): string {
  if (!VALID_NAME.test(name)) throw invalidArgument('invalid-name', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  return name.replace(/^\//, '');
}
