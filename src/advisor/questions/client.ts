import { choose } from './choose.js';

export const client = choose('client', {
  question: 'What runs the client?',
  hint: 'EventSource, the 6-connection cap and WebRTC advice are browser facts (R9, R21)',
  choices: [
    { name: 'A browser', value: 'browser', description: 'web apps, including PWAs' },
    {
      name: 'A native mobile app',
      value: 'native-mobile',
      description: 'iOS, Android: no EventSource, backgrounded apps lose connections',
    },
    { name: 'A device', value: 'device', description: 'IoT, kiosks, embedded: consider MQTT' },
    { name: 'Another server', value: 'server', description: 'service to service: full-duplex HTTP/2 is available' },
  ],
  default: () => 'browser',
});
