import type { Random } from '../crypto/random.js';

/**
 * Appwrite 1.9.6's security phrase (`src/Appwrite/Auth/Phrase.php`, 1.9 spec §9.3): "<Adjective> <noun>", each
 * drawn uniformly from these fixed lists (the nouns' duplicates included, as upstream), e.g. `Brave kite`. It is
 * returned in Token.phrase and shown in the mail, never stored.
 */
const ADJECTIVES = [
  'Abundant', 'Adaptable', 'Adventurous', 'Affectionate', 'Agile', 'Amiable', 'Amazing', 'Ambitious', 'Amicable', 'Amusing',
  'Astonishing', 'Attentive', 'Authentic', 'Awesome', 'Balanced', 'Beautiful', 'Bold', 'Brave', 'Bright', 'Bubbly', 'Calm',
  'Capable', 'Charismatic', 'Charming', 'Cheerful', 'Clever', 'Colorful', 'Compassionate', 'Confident', 'Cooperative',
  'Courageous', 'Courteous', 'Creative', 'Curious', 'Dazzling', 'Dedicated', 'Delightful', 'Determined', 'Diligent', 'Dynamic',
  'Easygoing', 'Effervescent', 'Efficient', 'Elegant', 'Empathetic', 'Energetic', 'Enthusiastic', 'Exuberant', 'Faithful',
  'Fantastic', 'Fearless', 'Flexible', 'Friendly', 'Fun-loving', 'Generous', 'Gentle', 'Genuine', 'Graceful', 'Gracious',
  'Happy', 'Hardworking', 'Harmonious', 'Helpful', 'Honest', 'Hopeful', 'Humble', 'Imaginative', 'Impressive', 'Incredible',
  'Inspiring', 'Intelligent', 'Joyful', 'Kind', 'Knowledgeable', 'Lively', 'Lovable', 'Lovely', 'Loyal', 'Majestic',
  'Magnificent', 'Mindful', 'Modest', 'Passionate', 'Patient', 'Peaceful', 'Perseverant', 'Playful', 'Polite', 'Positive',
  'Powerful', 'Practical', 'Precious', 'Proactive', 'Productive', 'Punctual', 'Quick-witted', 'Radiant', 'Reliable',
  'Resilient', 'Resourceful', 'Respectful', 'Responsible', 'Sensitive', 'Serene', 'Sincere', 'Skillful', 'Soothing',
  'Spirited', 'Splendid', 'Steadfast', 'Strong', 'Supportive', 'Sweet', 'Talented', 'Thankful', 'Thoughtful', 'Thriving',
  'Tranquil', 'Trustworthy', 'Upbeat', 'Versatile', 'Vibrant', 'Vigilant', 'Warmhearted', 'Welcoming', 'Wholesome', 'Witty',
  'Wonderful', 'Zealous',
];

const NOUNS = [
  'apple', 'banana', 'cat', 'dog', 'elephant', 'fish', 'guitar', 'hat', 'ice cream', 'jacket', 'kangaroo', 'lemon', 'moon',
  'notebook', 'orange', 'piano', 'quilt', 'rabbit', 'sun', 'tree', 'umbrella', 'violin', 'watermelon', 'xylophone', 'yogurt',
  'zebra', 'airplane', 'ball', 'cloud', 'diamond', 'eagle', 'fire', 'giraffe', 'hammer', 'island', 'jellyfish', 'kiwi', 'lamp',
  'mango', 'needle', 'ocean', 'pear', 'quasar', 'rose', 'star', 'turtle', 'unicorn', 'volcano', 'whale', 'xylograph', 'yarn',
  'zephyr', 'ant', 'book', 'candle', 'door', 'envelope', 'feather', 'globe', 'harp', 'insect', 'jar', 'kite', 'lighthouse',
  'magnet', 'necklace', 'owl', 'puzzle', 'queen', 'rainbow', 'sailboat', 'telescope', 'umbrella', 'vase', 'wallet',
  'xylograph', 'yacht', 'zeppelin', 'accordion', 'brush', 'chocolate', 'dolphin', 'easel', 'fountain', 'globe', 'hairbrush',
  'iceberg', 'jigsaw', 'kettle', 'leopard', 'marble', 'nutmeg', 'obstacle', 'penguin', 'quiver', 'raccoon', 'sphinx',
  'trampoline', 'utensil', 'velvet', 'wagon', 'xerox', 'yodel', 'zipper',
];

export const PHRASE_ADJECTIVES: readonly string[] = ADJECTIVES;
export const PHRASE_NOUNS: readonly string[] = NOUNS;

/** A uniform index below `n` from the injected randomness (rejection sampling over 16-bit draws). */
function pick<T>(random: Random, list: readonly T[]): T {
  const limit = Math.floor(65536 / list.length) * list.length;
  for (;;) {
    const [hi, lo] = random.bytes(2);
    const value = (hi! << 8) | lo!;
    if (value < limit) return list[value % list.length]!;
  }
}

export function securityPhrase(random: Random): string {
  return `${pick(random, ADJECTIVES)} ${pick(random, NOUNS)}`;
}
