import { yesNo } from './yes-no.js';

export const peerToPeerMedia = yesNo(
  'peerToPeerMedia',
  'Live audio, video or screen sharing between users?',
  'media between users is WebRTC, whatever else holds (R5)',
);
